// The filing templates, asked for once when the composer opens: grouped by
// id, the template files of the user's that do not load, and the template
// to start with (the first that can be filed in the case's stage).

import { useEffect, useState } from "preact/hooks";

import { api, errorMessage } from "../../api";
import type { BrokenTemplate } from "../../bindings/BrokenTemplate";
import type { Stage } from "../../bindings/Stage";
import { useMounted } from "../../components/hooks";
import { fileableIn, groupTemplates, type TemplateGroup } from "../../lib/templates";

export function useTemplates(stage: Stage) {
  const [groups, setGroups] = useState<TemplateGroup[] | null>(null);
  const [broken, setBroken] = useState<BrokenTemplate[]>([]);
  const [first, setFirst] = useState("");
  const [error, setError] = useState<string | null>(null);
  const mounted = useMounted();

  useEffect(() => {
    api
      .listTemplates()
      .then((list) => {
        if (!mounted.current) return;
        setBroken(list.broken);
        const g = groupTemplates(list.templates);
        setGroups(g);
        setFirst((g.find((x) => fileableIn(x, stage)) ?? g[0])?.id ?? "");
      })
      .catch((e: unknown) => mounted.current && setError(errorMessage(e)));
    // Chosen once, when the composer opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { groups, broken, first, error };
}
