// ---- Findings ---------------------------------------------------------------------------------

/** How bad a finding is. `fatal` and `error` make a submission fail; the others inform. */
export type Severity = "fatal" | "error" | "warning" | "information";

/** The FHIR R4 `IssueType` of a finding (`OperationOutcome.issue.code`). */
export type IssueType =
  | "invalid" | "structure" | "required" | "value" | "invariant" | "security" | "not-supported"
  | "duplicate" | "not-found" | "business-rule" | "code-invalid" | "processing" | "too-costly"
  | "informational" | "conflict" | "exception";

/**
 * One finding. Every field that does not apply is `null`, never missing.
 *
 * Show `message` beside the field or line it is about (`field` for a composed order, else
 * `expression`, `line`/`column` or `start`/`end`), and `help` as the hint on how to fix it.
 */
export interface Issue {
  /** Stable rule code, `GOM-<FAMILY>-<NNN>` (e.g. `GOM-BDL-012`); never reused for another rule. */
  code: string;
  severity: Severity;
  issueType: IssueType;
  /** One sentence for the person fixing it; values are in `backticks`. */
  message: string;
  /** How to fix it, one sentence. */
  help: string;
  /** FHIRPath of the offending element, e.g. `Bundle.entry[2].resource.subject.reference`; for a
   * draft check, the draft field's path, e.g. `patient.nhsNumber`. */
  expression: string | null;
  /** RFC 6901 JSON pointer of the offending value, e.g. `/entry/2/resource/subject/reference`. */
  pointer: string | null;
  /** 1-based line in the text given. */
  line: number | null;
  /** 1-based column in the text given, counting Unicode characters. */
  column: number | null;
  /** UTF-16 offset where the offending text starts: `text.slice(start, end)`,
   * `textarea.setSelectionRange(start, end)`. */
  start: number | null;
  /** UTF-16 offset just past the offending text. */
  end: number | null;
  /** Index of the `Bundle.entry` the finding belongs to. */
  entry: number | null;
  /** The draft field to show the finding beside (`composeOrder`, `checkDraft`). */
  field: string | null;
}

/** The answer of every check: `valid` is false when any issue is `fatal` or `error`. */
export interface ValidationResult {
  valid: boolean;
  /** In a deterministic order: by position, then code. */
  issues: Issue[];
}

// ---- Bundle validation ------------------------------------------------------------------------

/** What the document is expected to be; `auto` decides from the document. */
export type Mode = "auto" | "order" | "result" | "inspect";

/** `new Validator(options)`. Unknown or mistyped options throw an `Error`. */
export interface ValidateOptions {
  /** Default `auto`: a transaction with a ServiceRequest is an order, with a DiagnosticReport a result. */
  mode?: Mode;
  /** Raise the rules that have a stricter severity (e.g. orphans become errors). Default false. */
  strict?: boolean;
}

/** Any FHIR resource, as plain JSON. */
export interface FhirResource {
  resourceType: string;
  [element: string]: unknown;
}

/** An R4 `OperationOutcome.issue` rendered from a finding. */
export interface OperationOutcomeIssue {
  severity: Severity;
  code: IssueType;
  details: {
    /** The rule: system `urn:gom:rules`, its code and its kebab-case name. */
    coding?: { system: string; code: string; display: string }[];
    text: string;
  };
  /** The help line. */
  diagnostics?: string;
  location?: string[];
  expression?: string[];
  /** Line and column (the `operationoutcome-issue-line`/`-col` extensions). */
  extension?: { url: string; valueInteger: number }[];
}

/** An R4 `OperationOutcome`: one issue per finding, or one `information` issue when there are none. */
export interface OperationOutcome {
  resourceType: "OperationOutcome";
  meta?: { lastUpdated: string };
  issue: OperationOutcomeIssue[];
}

// ---- Workflow ---------------------------------------------------------------------------------

/** The resource types that have a status workflow. */
export type WorkflowResourceType = "Task" | "ServiceRequest" | "RequestGroup" | "DiagnosticReport" | "Specimen" | "Consent";

/** Plain FHIR R4, or the GMS use of it (the default). */
export type Workflow = "r4" | "gms";

/** The side making a change: the placer orders, the filler (the Task's owner) performs, the broker is GOMS. */
export type Role = "placer" | "filler" | "broker";

/** `checkTransition` and `statusView` options. */
export interface TransitionOptions {
  /** Default `gms`. */
  workflow?: Workflow;
  /** The side moving; without it only the existence of the transition is checked. */
  role?: Role | null;
}

/** May this status change happen? `issues` say why not, or what the target status asks for. */
export interface TransitionResult {
  allowed: boolean;
  issues: Issue[];
}

/** `checkUpdate` options. */
export interface UpdateOptions {
  workflow?: Workflow;
  role?: Role | null;
  /** ODS code of the organisation making the change: owner changes are checked against it. */
  actor?: string | null;
}

/** `planCascade` options. */
export interface CascadeOptions {
  /** The instant written into the updated Tasks' `lastModified` (RFC 3339); default: the host's clock. */
  now?: string | null;
}

/** One Task change GOMS makes when its ServiceRequest changes. */
export interface TaskUpdate {
  /** Position of the Task in the list given. */
  index: number;
  id: string | null;
  code: string | null;
  from: string;
  action: "cancel" | "entered-in-error" | "lab-closure";
  /** The status set; `null` for a lab closure (the owning lab closes the Task). */
  to: string | null;
  /** The statusReason code set (system `https://fhir.nhs.uk/CodeSystem/task-statusReason-genomics`). */
  statusReason: string | null;
  reason: string;
  /** The Task as updated; `null` for a lab closure. */
  task: FhirResource | null;
}

/** The plan for one ServiceRequest change. */
export interface CascadePlan {
  serviceRequest: string | null;
  from: string | null;
  to: string | null;
  updates: TaskUpdate[];
  issues: Issue[];
}

/** A status the resource may move to next. */
export interface NextStatus {
  status: string;
  by: Role[];
  /** Why the move exists. */
  note: string;
  /** What moving there asks of the resource. */
  demands: string[];
}

/** A status the resource may not move to now, and why. */
export interface ClosedStatus {
  status: string;
  reason: string;
}

/** What a task tracker shows for a status. */
export interface StatusView {
  resourceType: WorkflowResourceType;
  workflow: Workflow;
  status: string;
  meaning: string;
  terminal: boolean;
  used: boolean;
  role: Role | null;
  next: NextStatus[];
  closed: ClosedStatus[];
}

// ---- Criteria and events ----------------------------------------------------------------------

/** `mns` (what MNS subscribers write; the default) or strict CloudEvents SQL `cesql`. */
export type Dialect = "mns" | "cesql";

/** `compileCriteria` and `lintCriteria` options. */
export interface CriteriaOptions {
  dialect?: Dialect;
}

/** The error kinds of CloudEvents SQL. */
export type CesqlError = "parse" | "math" | "cast" | "missingAttribute" | "missingFunction" | "functionEvaluation" | "generic";

/** One evaluation of a criteria against an event. */
export interface Evaluation {
  /** True when a subscription with this criteria would deliver the event. */
  matched: boolean;
  value: boolean | number | string | null;
  errors: CesqlError[];
  /** Findings reading the event; when there are any, nothing matched. */
  issues: Issue[];
}

/** A GOMS notification in CloudEvents form. */
export interface CloudEvent {
  specversion: string;
  id: string;
  source: string;
  type: string;
  time: string;
  subject?: string;
  dataref?: string;
  versionid?: string;
  datacontenttype?: string;
  data?: unknown;
  /** The attributes criteria are evaluated against. */
  filtering?: Record<string, string | number | boolean | null>;
  [extension: string]: unknown;
}

/** The form to convert an event to. */
export type EventForm = "cloudevent" | "fhir";

/** `convertEvent` options. */
export interface EventOptions {
  /** The id of the FHIR form's Parameters and its entry's `urn:uuid:`; default: the event id. */
  entryId?: string | null;
}

/** An event checked (and converted). */
export interface EventResult {
  valid: boolean;
  /** The form the event came in; `orders` for an orders-service event; `null` when unreadable. */
  form: "cloudevent" | "fhir" | "orders" | null;
  /** The event in the form asked for (`checkEvent`: its CloudEvent reading); `null` when unreadable. */
  event: CloudEvent | FhirResource | null;
  issues: Issue[];
}

// ---- Genomic report view ----------------------------------------------------------------------

/** A code as a reader sees it. */
export interface CodeView {
  /** The concept's text, else the first coding's display, else its code. */
  label: string;
  code?: string;
  system?: string;
}

export interface IdentifierView {
  system?: string;
  value: string;
}

/** The patient banner. */
export interface PatientBanner {
  /** Given names then family name, as one line. */
  name?: string;
  family?: string;
  given?: string[];
  nhsNumber?: string;
  /** False when the NHS number fails its Modulus-11 check. */
  nhsNumberValid?: boolean;
  birthDate?: string;
  sex?: string;
  /** Whether the Patient itself was in the document (else the banner comes from the reference). */
  resolved: boolean;
}

/** The order the report answers. */
export interface OrderView {
  reference?: string;
  identifiers?: IdentifierView[];
  test?: CodeView;
}

/** One genomic variant. */
export interface VariantView {
  gene?: string;
  geneId?: string;
  cdnaChange?: string;
  proteinChange?: string;
  genomicChange?: string;
  changeType?: string;
  variantId?: string;
  zygosity?: string;
  classification?: string;
  condition?: string;
  genomicSource?: string;
  alleleFrequency?: string;
  presence?: string;
  status?: string;
  /** FHIRPath of the Observation in the document. */
  location: string;
}

/** Any other result Observation. */
export interface ResultView {
  label: string;
  value?: string;
  components?: string[];
  notes?: string[];
  status?: string;
  location: string;
}

export interface SpecimenView {
  type?: string;
  collected?: string;
  identifiers?: string[];
  /** Whose specimen it is, when not the report's patient (Duo and Trio). */
  subject?: string;
  status?: string;
  resolved: boolean;
}

export interface OrganisationView {
  ods?: string;
  name?: string;
}

/** A document attached to the report: the signed-off PDF in GOMS. */
export interface AttachmentView {
  contentType?: string;
  title?: string;
  language?: string;
  creation?: string;
  /** The size the sender declared, in bytes. */
  size?: number;
  /** The size of `data` once decoded, in bytes. */
  dataSize?: number;
  /** Base64 content (only when valid base64). */
  data?: string;
  /** `https:`/`http:` or a `Binary` reference; unsafe URLs are left out. */
  url?: string;
}

/** The report's own narrative. */
export interface NarrativeView {
  status?: string;
  /** The XHTML, only when it passed the narrative rules: safe to insert as HTML. */
  html?: string;
  /** The narrative as plain text, always. */
  text: string;
}

/** Everything a reader shows of one DiagnosticReport. Sub-views leave out what the document lacks. */
export interface ReportView {
  /** `DiagnosticReport`, or the Bundle's type (`searchset`, `document` …). */
  source: string;
  /** FHIRPath of the DiagnosticReport in the document. */
  location: string | null;
  id: string | null;
  identifiers: IdentifierView[];
  /** The R4 status code, e.g. `final`. */
  status: string | null;
  /** The status for a reader, e.g. `Final`. */
  statusLabel: string | null;
  test: CodeView | null;
  categories: CodeView[];
  order: OrderView | null;
  patient: PatientBanner | null;
  conclusion: string | null;
  conclusionCodes: CodeView[];
  variants: VariantView[];
  otherResults: ResultView[];
  specimens: SpecimenView[];
  performers: OrganisationView[];
  issued: string | null;
  effective: string | null;
  attachments: AttachmentView[];
  narrative: NarrativeView | null;
  /** What could not be read or shown. */
  problems: Issue[];
}

// ---- Composing an order -----------------------------------------------------------------------

/** A code from a code system, as chosen in a form. */
export interface Coded {
  system?: string;
  code?: string;
  display?: string;
}

/** A person tested: the proband or a Duo/Trio participant. Empty text means "not given". */
export interface Person {
  /** 10 digits; spaces are allowed. */
  nhsNumber?: string;
  /** A hospital number, where there is no NHS number yet. */
  localId?: string;
  givenName?: string;
  familyName?: string;
  /** `YYYY-MM-DD`. */
  birthDate?: string;
  /** `male`, `female`, `other` or `unknown`. */
  sex?: string;
  /** NHS ethnic category code (`A` … `Z`). */
  ethnicCategory?: string;
  /** `H` UK resident, `O` overseas. */
  residentialStatus?: string;
}

/** The requesting clinician in their role at an organisation. */
export interface Requester {
  sdsUserId?: string;
  sdsRoleProfileId?: string;
  name?: string;
  /** ODS code of the requesting organisation. */
  ods?: string;
  organisationName?: string;
  phone?: string;
  email?: string;
}

/** A specimen of one person. */
export interface SpecimenDraft {
  /** The form's handle for the specimen, unique in the draft. */
  key?: string;
  localId?: string;
  /** SNOMED CT specimen type. */
  type?: Coded;
  /** `YYYY-MM-DD` or a date-time. */
  collected?: string;
  /** `available` (default) or `unavailable`. */
  status?: string;
  /** The `key` of the specimen this one was derived from. */
  parent?: string;
}

/** The record of discussion for one person. */
export interface ConsentDraft {
  /** `active`, `proposed` or `draft`. */
  status?: string;
  date?: string;
  research?: boolean | null;
}

/** Another person in a Duo or Trio. */
export interface Participant {
  person?: Person;
  /** v3 RoleCode relationship to the proband, e.g. `NMTH` natural mother. */
  relationship?: Coded;
  specimens?: SpecimenDraft[];
  consent?: ConsentDraft | null;
}

/** The draft of a genomic test order, as a form holds it. Every field may be left out. */
export interface Draft {
  localOrderId?: string;
  patient?: Person;
  requester?: Requester;
  /** The National Genomic Test Directory code, e.g. `R67.2`. */
  test?: { code?: string };
  /** Reason for testing, e.g. `diagnostic`. */
  reason?: string;
  indication?: {
    conditions?: { code?: Coded; clinicalStatus?: string; verificationStatus?: string }[];
    observations?: { code?: Coded; value?: Coded; effective?: string }[];
  };
  specimens?: SpecimenDraft[];
  participants?: Participant[];
  consent?: ConsentDraft | null;
  /** `routine` (default), `urgent`, `asap` or `stat`. */
  priority?: string;
  /** The genomic laboratory asked to perform the test. */
  performer?: { ods?: string; name?: string };
  /** UKCore funding category; default `nhs-england`. */
  funding?: string;
  note?: string;
}

/** `checkDraft` options. */
export interface DraftOptions {
  /** The instant dates are compared with (RFC 3339); default: the host's clock. */
  now?: string | null;
}

/** `composeOrder` options. */
export interface ComposeOptions {
  /** `ServiceRequest.authoredOn` (RFC 3339); default: the host's clock. */
  now?: string | null;
  /** Returns a fresh UUID per call; default: `crypto.getRandomValues`. */
  ids?: () => string;
}

/** Where each element of a composed bundle came from in the draft, one item per entry. */
export interface FieldMap {
  entries: {
    /** The draft section the entry renders: `patient`, `participants[0].specimens[1]`, `order`. */
    section: string;
    fields: { path: string; field: string }[];
  }[];
}

/** A FHIR transaction Bundle. */
export interface Bundle extends FhirResource {
  resourceType: "Bundle";
  type: string;
  entry?: { fullUrl?: string; resource?: FhirResource; request?: { method: string; url: string } }[];
}

/** A composed order. */
export interface ComposeResult {
  /** True when neither the draft nor the bundle has an error: the order may be submitted. */
  valid: boolean;
  /** `null` when the draft could not be read. */
  bundle: Bundle | null;
  fields: FieldMap | null;
  /** Findings of the field checks on the draft, each with its `field`. */
  issues: Issue[];
  /** Findings of the validator on the bundle (positions in `JSON.stringify(bundle)`), each with
   * the draft `field` it maps to where there is one. */
  bundleIssues: Issue[];
}
