// The left navigation: the five main views (Ctrl+1..5), search (Ctrl+K),
// the case last opened, and at its foot where syncing with the office
// server stands.

import { Icon } from "./components/Icons";
import { SyncIndicator } from "./components/SyncIndicator";
import { useI18n, type MessageKey } from "./i18n";
import { SHORTCUTS, withShortcut, type Action } from "./lib/shortcuts";
import { caseRoute, mainViewOf, type MainView, type Navigate, type Route } from "./route";

const ITEMS: { view: MainView; label: MessageKey; action: Action }[] = [
  { view: "cases", label: "nav.cases", action: "view_cases" },
  { view: "deadlines", label: "nav.deadlines", action: "view_deadlines" },
  { view: "dossier", label: "nav.dossier", action: "view_dossier" },
  { view: "verify", label: "nav.verify", action: "view_verify" },
  { view: "settings", label: "nav.settings", action: "view_settings" },
];

type Props = { route: Route; lastCase: string | null; navigate: Navigate; onSearch: () => void };

export function Sidebar({ route, lastCase, navigate, onSearch }: Props) {
  const { t } = useI18n();
  const active = mainViewOf(route);
  return (
    <nav class="sidebar" aria-label={t("nav.main")}>
      <div class="brand">
        <span class="brand-mark">
          <Icon name="scales" size={22} />
        </span>
        <span class="brand-name">{t("app.name")}</span>
      </div>
      <button
        type="button"
        class="search-button"
        onClick={onSearch}
        title={withShortcut(t("nav.search"), "search")}
        data-testid="nav-search"
      >
        <Icon name="search" />
        <span class="search-button-label">{t("nav.search")}</span>
        <kbd>{SHORTCUTS.search}</kbd>
      </button>
      <ul class="nav-list">
        {ITEMS.map((item) => (
          <li key={item.view}>
            <button
              type="button"
              class="nav-item"
              aria-current={active === item.view && route.view !== "case" ? "page" : undefined}
              data-active={active === item.view}
              onClick={() => navigate(item.view === "cases" ? { view: "cases" } : { view: item.view })}
              title={withShortcut(t(item.label), item.action)}
              data-testid={`nav-${item.view}`}
            >
              <span class="nav-icon">
                <Icon name={item.view} />
              </span>
              <span>{t(item.label)}</span>
            </button>
            {item.view === "cases" && lastCase && (
              <button
                type="button"
                class="nav-item nav-item--sub"
                aria-current={route.view === "case" ? "page" : undefined}
                onClick={() => navigate(caseRoute(lastCase))}
                title={t("nav.openCase", { reference: lastCase })}
                data-testid="nav-current-case"
              >
                {lastCase}
              </button>
            )}
          </li>
        ))}
      </ul>
      <SyncIndicator navigate={navigate} />
    </nav>
  );
}
