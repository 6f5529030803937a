import { type BrowserContext, type Page, test as base, expect } from "@playwright/test";
import { AgentPage } from "./pages/agent-page";
import { AnalyticsPage } from "./pages/analytics-page";
import { AppHeader } from "./pages/app-header";
import { BoardPage } from "./pages/board-page";
import { DesignerPage } from "./pages/designer-page";
import { ItemPage } from "./pages/item-page";
import { LoginPage } from "./pages/login-page";
import { ReviewPanel } from "./pages/review-panel";
import { RunPage } from "./pages/run-page";
import { SettingsPage } from "./pages/settings-page";
import { TemplatesPage } from "./pages/templates-page";
import { TriggersPage } from "./pages/triggers-page";
import { WorkflowsPage } from "./pages/workflows-page";
import { TandemApi } from "./tandem-api";

export { expect };

/** Every seeded demo account signs in with this password. */
export const DEMO_PASSWORD = "tandem-demo";

export const demoUsers = {
  admin: { email: "admin@tandem.local", name: "Ada Admin" },
  alice: { email: "alice@tandem.local", name: "Alice Park" },
  bob: { email: "bob@tandem.local", name: "Bob Okafor" },
  carol: { email: "carol@tandem.local", name: "Carol Diaz" },
  dan: { email: "dan@tandem.local", name: "Dan Weber" },
} as const;

export type DemoUser = keyof typeof demoUsers;

/** The page objects of one browser page. */
export type Pages = {
  page: Page;
  login: LoginPage;
  header: AppHeader;
  workflows: WorkflowsPage;
  board: BoardPage;
  item: ItemPage;
  settings: SettingsPage;
  designer: DesignerPage;
  templates: TemplatesPage;
  run: RunPage;
  /** The agent-assist review panel of an item's page. */
  review: ReviewPanel;
  agent: AgentPage;
  triggers: TriggersPage;
  analytics: AnalyticsPage;
  /** REST calls as this page's signed-in user. */
  api: TandemApi;
};

/** A signed-in user: their own browser context, so two users never share cookies. */
export type UserSession = Pages & { context: BrowserContext };

function pagesOf(page: Page): Pages {
  return {
    page,
    login: new LoginPage(page),
    header: new AppHeader(page),
    workflows: new WorkflowsPage(page),
    board: new BoardPage(page),
    item: new ItemPage(page),
    settings: new SettingsPage(page),
    designer: new DesignerPage(page),
    templates: new TemplatesPage(page),
    run: new RunPage(page),
    review: new ReviewPanel(page),
    agent: new AgentPage(page),
    triggers: new TriggersPage(page),
    analytics: new AnalyticsPage(page),
    api: new TandemApi(page),
  };
}

type Fixtures = {
  /** Page objects on the test's default (signed-out) page. */
  signedOut: Pages;
  /** Signs a demo user in through the form in a new browser context. */
  signInAs: (user: DemoUser) => Promise<UserSession>;
};

export const test = base.extend<Fixtures>({
  signedOut: async ({ page }, use) => {
    await use(pagesOf(page));
  },
  signInAs: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (user) => {
      const context = await browser.newContext();
      contexts.push(context);
      const pages = pagesOf(await context.newPage());
      await pages.login.goto();
      await pages.login.signIn(demoUsers[user].email, DEMO_PASSWORD);
      await expect(pages.header.currentUser).toContainText(demoUsers[user].name);
      return { ...pages, context };
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});
