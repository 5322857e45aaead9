// An integrator's TypeScript, checked with `tsc --noEmit --strict` against the package's .d.ts:
// every export used the way the README shows, and every result read through its declared type.
import {
  Validator, bundleGraph, checkDraft, checkEvent, checkNarrative, checkTransition, checkUpdate, compileCriteria, composeOrder,
  convertEvent, lintCriteria, planCascade, renderGraphSvg, reportView, statusView, version,
} from "@gom/validator";
import type {
  BundleGraph, CascadePlan, ComposeResult, Draft, Evaluation, EventResult, Issue, OperationOutcome, ReportView, Severity,
  StatusView, TransactionResponse, TransitionResult, ValidationResult,
} from "@gom/validator";

const blocking = (i: Issue): boolean => i.severity === "fatal" || i.severity === "error";

export function describe(issues: Issue[]): string[] {
  return issues.map((i) => {
    const where = i.field ?? i.expression ?? (i.line !== null ? `${i.line}:${i.column ?? 1}` : "document");
    const sev: Severity = i.severity;
    return `${sev} ${i.code} at ${where}: ${i.message} (${i.help})`;
  });
}

const validator = new Validator({ mode: "order", strict: true });
const result: ValidationResult = validator.validate("{}");
const errors: Issue[] = result.issues.filter(blocking);
const outcome: OperationOutcome = validator.toOperationOutcome("{}");
const response: TransactionResponse | OperationOutcome = validator.toTransactionResponse("{}", null);
const lastUpdated: string | undefined = response.meta?.lastUpdated;
const mode: "auto" | "order" | "result" | "inspect" = validator.options.mode;

const t: TransitionResult = checkTransition("Task", "requested", "accepted", { role: "filler", workflow: "gms" });
const view: StatusView | null = statusView("ServiceRequest", "active");
const nextByPlacer: string[] = view ? view.next.filter((n) => n.by.includes("placer")).map((n) => n.status) : [];
const update: ValidationResult = checkUpdate("{}", "{}", { role: "filler", actor: "RJ1" });
const plan: CascadePlan = planCascade("{}", "{}", "[]", { now: "2026-03-02T10:00:00Z" });
const cancelled: number = plan.updates.filter((u) => u.action === "cancel").length;

const criteria = compileCriteria("eventType='genomic-order-event-1' AND owner='LABB'", { dialect: "mns" });
const delivered: boolean = criteria.ok && criteria.matches({ eventType: "genomic-order-event-1", owner: "LABB" });
const evaluation: Evaluation = criteria.evaluate("{}");
const lint: ValidationResult = lintCriteria("owner = 'LABB'");
const checked: EventResult = checkEvent("{}");
const fhir: EventResult = convertEvent("{}", "fhir", { entryId: null });

const report: ReportView = reportView("{}");
const genes: (string | undefined)[] = report.variants.map((v) => v.gene);
const banner: string = report.patient?.name ?? "Unknown patient";
const safe: boolean = checkNarrative("<div/>").valid;

const graph: BundleGraph = bundleGraph("{}");
const orphans: string[] = graph.nodes.filter((n) => n.orphan).map((n) => `${n.resourceType} ${n.label}`);
const errorsByEntry: number[] = graph.nodes.map((n) => result.issues.filter((i) => i.entry === n.entry && blocking(i)).length);
const svg: string = renderGraphSvg("{}", { selected: graph.nodes[0]?.entry ?? null, errors: errorsByEntry });

const draft: Draft = { patient: { nhsNumber: "943 476 5919", givenName: "Ava" }, test: { code: "R67.2" } };
const fields: (string | null)[] = checkDraft(draft, { now: "2026-03-02T10:00:00Z" }).issues.map((i) => i.field);
let n = 0;
const order: ComposeResult = composeOrder(draft, { ids: () => `id-${++n}` });
const entries: number = order.bundle?.entry?.length ?? 0;
const readyToSend: boolean = order.valid && order.bundleIssues.every((i) => !blocking(i));

export const summary = {
  version: version(), errors, outcome, lastUpdated, mode, t, nextByPlacer, update, cancelled, delivered, evaluation,
  lint, checked, fhir, genes, banner, safe, orphans, svg, fields, entries, readyToSend,
};
