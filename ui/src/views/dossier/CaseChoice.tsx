// The case to export: picked from the most recent cases (one page), or any
// other by typing its reference, which is looked up so that the export
// names the right case (or says there is none). A typed reference wins
// over the list while it is not empty. Another office's case is listed, and
// exported, by its qualified reference (`GVA:K-2026-0001`). The chosen
// case's parties come with it (a copy may be made for one of them): from
// the list or the lookup, else looked up.

import { useEffect, useState } from "preact/hooks";

import { api, CASES_PAGE, errorMessage } from "../../api";
import type { Case } from "../../bindings/Case";
import { useDebouncedValue, useMounted } from "../../components/hooks";
import { useI18n } from "../../i18n";
import { formatNumber } from "../../lib/format";
import { keyOf } from "../../lib/references";
import { useOffice } from "../../office";

/** What a typed reference turned out to be. */
type Lookup = { input: string; reference: string; title: string; parties: string[] } | { input: string; error: string };

/** `reference`: the case the route came with; `onError`: shows why the list cannot be had (a stable function). */
export function useCaseChoice(reference: string | undefined, onError: (message: string) => void) {
  /** The most recent cases (one page), and how many there are in all. */
  const [cases, setCases] = useState<Case[]>([]);
  const [total, setTotal] = useState(0);
  /** The list has come (or could not be had). */
  const [listed, setListed] = useState(false);
  /** The parties of a case chosen that is neither in the list nor typed (the route's). */
  const [fetched, setFetched] = useState<{ reference: string; parties: string[] } | null>(null);
  /** The case picked in the list (or the one the route came with). */
  const [picked, setPicked] = useState(reference ?? "");
  /** A reference typed instead. */
  const [typed, setTyped] = useState("");
  const typedSettled = useDebouncedValue(typed.trim(), 300);
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const { code: office } = useOffice();
  const mounted = useMounted();

  useEffect(() => {
    api
      .listCases({ stage: null, party: null, clause: null }, 0, CASES_PAGE)
      .then((page) => {
        if (!mounted.current) return;
        setCases(page.cases);
        setTotal(page.total);
        setListed(true);
      })
      .catch((e: unknown) => {
        if (!mounted.current) return;
        setListed(true);
        onError(errorMessage(e));
      });
  }, [mounted, onError]);

  useEffect(() => {
    if (!typedSettled) return;
    let current = true;
    api
      .getCase(typedSettled)
      .then((v) => current && setLookup({ input: typedSettled, reference: keyOf(v.case, office), title: v.case.title, parties: v.case.parties }))
      .catch((e: unknown) => current && setLookup({ input: typedSettled, error: errorMessage(e) }));
    return () => {
      current = false;
    };
  }, [typedSettled, office]);

  const typedInput = typed.trim();
  const found = typedInput && lookup?.input === typedInput ? lookup : null;
  /** The case the export is of; "" while there is none. */
  const chosen = typedInput ? (found && "reference" in found ? found.reference : "") : picked;
  /** The chosen case's parties, when the list or the lookup has them; null: not known yet. */
  const known = typedInput
    ? found && "reference" in found
      ? found.parties
      : null
    : (cases.find((c) => keyOf(c, office) === picked)?.parties ?? null);
  const unknown = chosen !== "" && known === null;
  useEffect(() => {
    if (!unknown || !listed) return;
    let current = true;
    api
      .getCase(chosen)
      .then((v) => current && setFetched({ reference: chosen, parties: v.case.parties }))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [chosen, unknown, listed]);
  /** The chosen case's parties ([] until known). */
  const parties = known ?? (fetched?.reference === chosen ? fetched.parties : []);
  const pick = (ref: string) => {
    setPicked(ref);
    setTyped("");
  };
  return { cases, total, picked, pick, typed, setTyped, typedInput, found, chosen, parties };
}

type Choice = ReturnType<typeof useCaseChoice>;

/** The list of recent cases and the field for a typed reference. */
export function CaseChoiceFields({ choice }: { choice: Choice }) {
  const { t } = useI18n();
  const { code: office } = useOffice();
  const { cases, picked } = choice;
  return (
    <>
      <label class="field grow">
        <span class="field-label">{t("dossier.case")}</span>
        <select value={choice.typedInput ? "" : picked} onChange={(e) => choice.pick(e.currentTarget.value)} data-testid="dossier-case">
          <option value="">{t("dossier.chooseCase")}</option>
          {cases.map((c) => {
            const reference = keyOf(c, office);
            return (
              <option key={c.id} value={reference}>
                {reference} — {c.title}
              </option>
            );
          })}
          {picked && !cases.some((c) => keyOf(c, office) === picked) && <option value={picked}>{picked}</option>}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t("dossier.typeReference")}</span>
        <input
          type="search"
          value={choice.typed}
          placeholder={t("dossier.referencePlaceholder")}
          spellcheck={false}
          autocomplete="off"
          onInput={(e) => choice.setTyped(e.currentTarget.value)}
          data-testid="dossier-case-reference"
        />
      </label>
    </>
  );
}

/** Under the fields: the typed reference's case (or why there is none), or that only the recent cases are listed. */
export function CaseChoiceHint({ choice }: { choice: Choice }) {
  const { t, locale } = useI18n();
  const { found } = choice;
  if (choice.typedInput) {
    return (
      <p class="hint" role="status" data-testid="dossier-case-lookup" data-found={found ? ("reference" in found ? "true" : "false") : undefined}>
        {!found ? t("dossier.lookingUp") : "reference" in found ? `${found.reference} — ${found.title}` : found.error}
      </p>
    );
  }
  if (choice.total <= choice.cases.length) return null;
  return <p class="hint">{t("dossier.recentCases", { count: formatNumber(choice.cases.length, locale) })}</p>;
}
