//! A small, valid PDF 1.4 report: one A4 page of Helvetica text lines, with a correct
//! cross-reference table so strict readers open it. Enough for a demo's `presentedForm`.

/// The PDF bytes for `lines` (printable ASCII; anything else becomes `?`).
pub fn report(lines: &[String]) -> Vec<u8> {
    let mut text = String::from("BT /F1 11 Tf 56 780 Td 15 TL\n");
    for (i, line) in lines.iter().enumerate() {
        let safe: String = line
            .chars()
            .map(|c| if (' '..='~').contains(&c) { c } else { '?' })
            .flat_map(|c| match c {
                '(' | ')' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let font = if i == 0 {
            "/F1 16 Tf "
        } else if i == 1 {
            "/F1 11 Tf "
        } else {
            ""
        };
        text.push_str(&format!("{font}({safe}) Tj T*\n"));
    }
    text.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
    ];
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_reference_offsets_point_at_their_objects() {
        let pdf = report(&["Genomic test report".into(), "GJB2 c.35del (a) \\ é".into()]);
        assert!(pdf.starts_with(b"%PDF-1.4\n"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        // One char per byte, so byte offsets index the text too.
        let text: String = pdf.iter().map(|&b| if b.is_ascii() { b as char } else { '#' }).collect();
        let startxref: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(text[startxref..].starts_with("xref\n0 6\n"));
        let offsets: Vec<usize> = text[startxref..].lines().skip(3).take(5).map(|l| l[..10].parse().unwrap()).collect();
        for (i, off) in offsets.iter().enumerate() {
            assert!(pdf[*off..].starts_with(format!("{} 0 obj", i + 1).as_bytes()), "object {}", i + 1);
        }
        assert!(text.contains("(GJB2 c.35del \\(a\\) \\\\ ?) Tj"));
        let len: usize = text.split("/Length ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        let stream = text.split(">>\nstream\n").nth(1).unwrap();
        assert_eq!(&stream[len..len + 9], "endstream");
    }
}
