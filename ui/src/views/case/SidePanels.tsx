// The side of a case: its deadlines (add, mark met, cancel; who may read
// each when not all parties may), participants (add, remove), agreements
// (who has signed each for each party; co-sign) and documents (with their
// SHA-256; attach more, for whom the user chooses: all parties unless
// chosen).

import { open, save } from "@tauri-apps/plugin-dialog";
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

import { api } from "../../api";
import type { AgreementSigning } from "../../bindings/AgreementSigning";
import type { Audience } from "../../bindings/Audience";
import type { CaseDocument } from "../../bindings/CaseDocument";
import type { CaseView } from "../../bindings/CaseView";
import type { Deadline } from "../../bindings/Deadline";
import type { Participant } from "../../bindings/Participant";
import type { Role } from "../../bindings/Role";
import { AudienceChoice } from "../../components/AudienceChoice";
import { AudienceBadge, StatusBadge } from "../../components/Badges";
import { CancelButton, Dialog } from "../../components/Dialog";
import { DateInput } from "../../components/DateInput";
import { SettleDeadlineDialog } from "../../components/SettleDeadlineDialog";
import { Hash } from "../../components/Hash";
import { useAction } from "../../components/hooks";
import { ErrorNote, Muted } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { chosenAudience, shownAudience } from "../../lib/audience";
import { canMarkMet, partyOfChoice, sortDeadlines } from "../../lib/deadlines";
import { list } from "../../lib/errors";
import { formatBytes } from "../../lib/format";
import { formatDate, formatDateTime, readDateField } from "../../lib/time";
import { CosignDialog } from "./CosignDialog";

function Panel({ title, testid, children, count }: { title: string; testid: string; count?: number; children: ComponentChildren }) {
  return (
    <section class="panel" data-testid={testid}>
      <h2 class="panel-title">
        {title}
        {count !== undefined && count > 0 && <span class="count">{count}</span>}
      </h2>
      {children}
    </section>
  );
}

/** `reference`: the case as the commands take it (`GVA:K-2026-0001` for another office's case). */
type PanelProps = { detail: CaseView; reference: string; onChanged: () => void };

export function DeadlinesPanel({ detail, reference, onChanged, onJump }: PanelProps & { onJump: (seq: number) => void }) {
  const { t, lang } = useI18n();
  const [due, setDue] = useState("");
  /** "Add" was pressed: the due date field says now what is wrong with it. */
  const [tried, setTried] = useState(false);
  const [what, setWhat] = useState("");
  /** Whose it is: one of the parties, or "" for a task of the office (the default). */
  const [party, setParty] = useState("");
  /** Who may read it, once chosen; null: the parties when a party must do it, else the office. */
  const [audience, setAudience] = useState<Audience | null>(null);
  const { run, busy, error, setError } = useAction();
  const [completing, setCompleting] = useState<Deadline | null>(null);
  const [cancelling, setCancelling] = useState<Deadline | null>(null);
  const deadlines = sortDeadlines(detail.deadlines);
  /** A case that has ended (no stage moves left) takes no new deadlines. */
  const ended = detail.allowed_moves.length === 0;

  const add = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setTried(true);
    if (!due.trim()) return setError(t("deadlines.dueMissing"));
    const date = readDateField(due);
    // The field says what is wrong with it.
    if (!("value" in date)) return setError(null);
    if (!what.trim()) return setError(t("deadlines.whatMissing"));
    const parties = detail.case.parties;
    const added = await run(async () => {
      await api.addDeadline(reference, date.value, what.trim(), partyOfChoice(party, parties), chosenAudience("deadline", audience, parties));
      onChanged();
    });
    if (!added) return;
    setTried(false);
    setDue("");
    setWhat("");
    setParty("");
    setAudience(null);
  };

  return (
    <Panel title={t("deadlines.section")} testid="case-deadlines" count={deadlines.filter(canMarkMet).length}>
      {deadlines.length === 0 && <Muted>{t("deadlines.none")}</Muted>}
      <ul class="side-list">
        {deadlines.map((d) => (
          <li key={d.id} class={`deadline deadline--${d.status}`} data-testid="case-deadline" data-seq={d.entry_seq} data-status={d.status}>
            <div class="side-line">
              <span class="nowrap">{formatDate(d.due, lang)}</span>
              <StatusBadge status={d.status} />
              <AudienceBadge audience={d.audience} testid="deadline-audience" />
              <span class="spacer" />
              <button type="button" class="tag tag--link" onClick={() => onJump(d.entry_seq)} title={t("common.showEntry")}>
                #{d.entry_seq}
              </button>
            </div>
            <div class="side-text">{d.what}</div>
            <div class="muted small" data-testid="deadline-party">
              {d.party ?? t("deadlines.officeTask")}
            </div>
            {d.status === "done" && d.done_at ? (
              <div class="muted small">{t("deadlines.metOn", { date: formatDateTime(d.done_at, lang) })}</div>
            ) : d.status === "cancelled" && d.cancelled_at ? (
              <div class="muted small" data-testid="deadline-cancelled">
                {t("deadlines.cancelledOn", { date: formatDateTime(d.cancelled_at, lang), reason: d.cancel_reason ?? "" })}
              </div>
            ) : canMarkMet(d) ? (
              <div class="side-actions">
                <button type="button" class="small-button" onClick={() => setCompleting(d)} data-testid="deadline-done">
                  {t("deadlines.markDone")}
                </button>
                <button type="button" class="small-button" onClick={() => setCancelling(d)} data-testid="deadline-cancel">
                  {t("deadlines.cancel")}
                </button>
              </div>
            ) : (
              <div class="muted small" data-testid="deadline-case-ended">
                {t(d.status === "open_at_closing" ? "deadlines.openAtClosingCaseEnded" : "deadlines.notMetCaseEnded")}
              </div>
            )}
          </li>
        ))}
      </ul>
      {!ended ? (
        <form class="side-form" onSubmit={(e) => void add(e)}>
          <div class="side-form-row">
            <DateInput
              kind="date"
              value={due}
              onInput={setDue}
              checked={tried}
              label={t("deadlines.due")}
              required
              testid="deadline-due"
            />
          </div>
          <input
            type="text"
            value={what}
            placeholder={t("deadlines.whatPlaceholder")}
            aria-label={t("deadlines.what")}
            onInput={(e) => setWhat(e.currentTarget.value)}
            data-testid="deadline-what"
          />
          <select
            value={party}
            onChange={(e) => setParty(e.currentTarget.value)}
            aria-label={t("deadlines.party")}
            title={t("deadlines.party")}
            data-testid="deadline-party-choice"
          >
            <option value="">{t("deadlines.officeTask")}</option>
            {detail.case.parties.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <AudienceChoice
            value={shownAudience("deadline", audience, detail.case.parties, partyOfChoice(party, detail.case.parties))}
            parties={detail.case.parties}
            onChange={setAudience}
            testid="deadline-audience-choice"
          />
          <ErrorNote message={error} />
          <button type="submit" disabled={busy} data-testid="deadline-add">
            + {t("deadlines.add")}
          </button>
        </form>
      ) : (
        <Muted>{t("deadlines.closedCase")}</Muted>
      )}
      {completing && (
        <SettleDeadlineDialog
          action="met"
          reference={reference}
          deadline={completing}
          onClose={() => setCompleting(null)}
          onDone={() => {
            setCompleting(null);
            onChanged();
          }}
        />
      )}
      {cancelling && (
        <SettleDeadlineDialog
          action="cancel"
          reference={reference}
          deadline={cancelling}
          onClose={() => setCancelling(null)}
          onDone={() => {
            setCancelling(null);
            onChanged();
          }}
        />
      )}
    </Panel>
  );
}

const ROLES: readonly Role[] = ["mediator", "legal_officer", "delegate"];

export function ParticipantsPanel({ detail, reference, onChanged }: PanelProps) {
  const { t } = useI18n();
  const c = detail.case;
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("mediator");
  const [party, setParty] = useState("");
  const { run, busy, error, setError } = useAction();
  /** The participant whose removal is being confirmed. */
  const [removing, setRemoving] = useState<Participant | null>(null);

  const add = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!name.trim()) return setError(t("participants.nameMissing"));
    if (role === "delegate" && !party) return setError(t("participants.partyMissing"));
    const added = await run(async () => {
      await api.addParticipant(reference, { name: name.trim(), role, party: role === "delegate" ? party : null });
      onChanged();
    });
    if (!added) return;
    setName("");
    setParty("");
  };

  return (
    <Panel title={t("participants.section")} testid="case-participants" count={c.participants.length}>
      {c.participants.length === 0 && <Muted>{t("participants.none")}</Muted>}
      <ul class="side-list">
        {c.participants.map((p) => (
          <li key={`${p.role}:${p.name}`} data-testid="participant" data-name={p.name} data-role={p.role}>
            <div class="side-line">
              <span>
                <span class="side-text">{p.name}</span>{" "}
                <span class="muted small">
                  {t(`role.${p.role}`)}
                  {p.party ? ` · ${p.party}` : ""}
                </span>
              </span>
              <span class="spacer" />
              <button
                type="button"
                class="link small"
                onClick={() => setRemoving(p)}
                title={t("participants.removeTitle", { name: p.name })}
                data-testid="participant-remove"
              >
                {t("participants.remove")}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form class="side-form" onSubmit={(e) => void add(e)}>
        <input
          type="text"
          value={name}
          placeholder={t("participants.name")}
          aria-label={t("participants.name")}
          onInput={(e) => setName(e.currentTarget.value)}
          data-testid="participant-name"
        />
        <div class="side-form-row">
          <select
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            aria-label={t("participants.role")}
            data-testid="participant-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          {role === "delegate" && (
            <select
              value={party}
              onChange={(e) => setParty(e.currentTarget.value)}
              aria-label={t("participants.party")}
              data-testid="participant-party"
            >
              <option value="">{t("participants.chooseParty")}</option>
              {c.parties.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          )}
        </div>
        <ErrorNote message={error} />
        <button type="submit" disabled={busy} data-testid="participant-add">
          + {t("participants.add")}
        </button>
      </form>
      {removing && (
        <RemoveParticipantDialog
          reference={reference}
          participant={removing}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            onChanged();
          }}
        />
      )}
    </Panel>
  );
}

/** Asks before a participant leaves the case; the journal keeps that they took part. */
function RemoveParticipantDialog({
  reference,
  participant: p,
  onClose,
  onDone,
}: {
  reference: string;
  participant: Participant;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { run, busy, error } = useAction();
  const remove = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    await run(async () => {
      await api.removeParticipant(reference, p.name, p.role);
      onDone();
    });
  };
  return (
    <Dialog title={t("participants.removeHeading")} onClose={onClose} testid="participant-remove-dialog" size="small">
      <form class="form" onSubmit={(e) => void remove(e)}>
        <p>
          {p.party
            ? t("participants.removeQuestionDelegate", { name: p.name, party: p.party })
            : t("participants.removeQuestion", { name: p.name, role: t(`role.${p.role}`) })}
        </p>
        <ErrorNote message={error} />
        <div class="form-actions">
          <CancelButton label="participants.keep" />
          <button type="submit" class="primary" disabled={busy} autoFocus data-testid="participant-remove-confirm">
            {t("participants.removeConfirm")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * The case's agreements (shown once it has one): for each, every party with
 * the delegates who co-signed it for them, or that it is not signed yet,
 * and "Co-sign…" while a party has not signed.
 */
export function AgreementsPanel({ detail, reference, onChanged, onJump }: PanelProps & { onJump: (seq: number) => void }) {
  const { t, lang } = useI18n();
  const [cosigning, setCosigning] = useState<AgreementSigning | null>(null);
  /** Whether "Show all" was asked for: every agreement is then fetched again whenever the case view is. */
  const [expanded, setExpanded] = useState(false);
  const [all, setAll] = useState<{ of: CaseView; list: AgreementSigning[] } | null>(null);
  const { attempt, error } = useAction();
  useEffect(() => {
    if (!expanded) return;
    void attempt(() => api.caseAgreements(reference)).then((done) => done && setAll({ of: detail, list: done.value }));
  }, [expanded, detail, reference, attempt]);
  if (detail.agreement_count === 0) return null;
  const shown = all?.of === detail ? all.list : detail.agreements;
  return (
    <Panel title={t("agreements.section")} testid="case-agreements" count={detail.agreement_count}>
      <ul class="side-list">
        {shown.map((a) => {
          const unsigned = a.parties.some((p) => p.signed_by.length === 0);
          return (
            <li key={a.entry} data-testid="agreement" data-seq={a.seq}>
              <div class="side-line">
                <span class="side-text">{a.summary || t(`kind.${a.kind}`)}</span>
                <span class="spacer" />
                <button type="button" class="tag tag--link" onClick={() => onJump(a.seq)} title={t("common.showEntry")}>
                  #{a.seq}
                </button>
              </div>
              <ul class="agreement-parties">
                {a.parties.map((p) => (
                  <li
                    key={p.party}
                    class="agreement-party"
                    data-testid="agreement-party"
                    data-party={p.party}
                    data-signed={p.signed_by.length > 0 ? "true" : "false"}
                  >
                    <span>{p.party}</span>
                    <span class="agreement-signers" data-testid="agreement-signers">
                      {p.signed_by.length > 0 ? t("agreements.signedBy", { names: list(lang, "conjunction", p.signed_by) }) : t("agreements.notSigned")}
                    </span>
                  </li>
                ))}
              </ul>
              {unsigned && (
                <div class="side-actions">
                  <button type="button" class="small-button" onClick={() => setCosigning(a)} data-testid="agreement-cosign">
                    {t("agreements.cosign")}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {!expanded && shown.length < detail.agreement_count && (
        <button type="button" class="link" onClick={() => setExpanded(true)} data-testid="agreements-show-all">
          {t("agreements.showAll", { count: detail.agreement_count })}
        </button>
      )}
      <ErrorNote message={error} />
      {cosigning && (
        <CosignDialog
          reference={reference}
          detail={detail}
          agreement={cosigning}
          onClose={() => setCosigning(null)}
          onDone={() => {
            setCosigning(null);
            onChanged();
          }}
        />
      )}
    </Panel>
  );
}

/** Documents listed before "Show all": a case may hold thousands. */
const DOCUMENTS_SHOWN = 50;

export function DocumentsPanel({ detail, reference, onChanged, onJump }: PanelProps & { onJump: (seq: number) => void }) {
  const { t, locale } = useI18n();
  const [showAll, setShowAll] = useState(false);
  const { run, attempt, busy, error } = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  /** Who may read the documents attached next, once chosen; null: the parties. */
  const [audience, setAudience] = useState<Audience | null>(null);
  const parties = detail.case.parties;

  const saveCopy = async (d: CaseDocument) => {
    setSaved(null);
    const done = await attempt(async () => {
      const path = await save({ title: t("documents.saveDialog", { name: d.name }), defaultPath: d.name });
      if (path) await api.saveDocument(reference, d.sha256, path);
      return path;
    });
    if (done?.value) setSaved(done.value);
  };

  const attach = async () => {
    const picked = await attempt(() => open({ multiple: true, directory: false, title: t("documents.attachDialog") }));
    if (!picked?.value) return;
    const paths = picked.value;
    const attached = await run(async () => {
      await api.attachDocuments(reference, Array.isArray(paths) ? paths : [paths], chosenAudience("document", audience, parties));
      onChanged();
    });
    if (attached) setAudience(null);
  };

  return (
    <Panel title={t("documents.section")} testid="case-documents" count={detail.documents.length}>
      {detail.documents.length === 0 && <Muted>{t("documents.none")}</Muted>}
      <ul class="side-list">
        {(showAll ? detail.documents : detail.documents.slice(0, DOCUMENTS_SHOWN)).map((d) => (
          <li key={`${d.sha256}:${d.entry_seq}:${d.name}`} data-testid="case-document" data-sha256={d.sha256}>
            <div class="side-line">
              <span class="side-text doc-name">{d.name}</span>
              <span class="spacer" />
              <button type="button" class="tag tag--link" onClick={() => onJump(d.entry_seq)} title={t("common.showEntry")}>
                #{d.entry_seq}
              </button>
            </div>
            <button type="button" class="link small" onClick={() => void saveCopy(d)} data-testid="document-save">
              {t("documents.save")}
            </button>
            <div class="muted small">
              {formatBytes(d.size, locale)} · {t("documents.sha256")}
            </div>
            <Hash value={d.sha256} full />
          </li>
        ))}
      </ul>
      {!showAll && detail.documents.length > DOCUMENTS_SHOWN && (
        <button type="button" class="link" onClick={() => setShowAll(true)} data-testid="documents-show-all">
          {t("documents.showAll", { count: detail.documents.length })}
        </button>
      )}
      {saved && (
        <p class="note note--info" role="status" data-testid="document-saved">
          {t("documents.saved", { path: saved })}
        </p>
      )}
      <ErrorNote message={error} />
      <div class="side-form side-attach">
        <AudienceChoice
          value={shownAudience("document", audience, parties)}
          parties={parties}
          onChange={setAudience}
          testid="documents-audience-choice"
        />
        <button type="button" disabled={busy} onClick={() => void attach()} data-testid="documents-attach">
          + {t("documents.attach")}
        </button>
      </div>
    </Panel>
  );
}
