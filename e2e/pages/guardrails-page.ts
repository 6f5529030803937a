import { type Locator, type Page, type Response } from "@playwright/test";

/** Guardrail policies at /agents/catalog/guardrails: the policy form, the written policies and the builtin tags. */
export class GuardrailsPage {
  readonly newPolicyButton: Locator;
  readonly form: Locator;
  readonly saved: Locator;

  constructor(readonly page: Page) {
    this.newPolicyButton = page.getByTestId("new-policy");
    this.form = page.getByTestId("policy-form");
    this.saved = page.getByTestId("policy-saved");
  }

  async goto(): Promise<Response | null> {
    return this.page.goto("/agents/catalog/guardrails");
  }

  row(tag: string): Locator {
    return this.page.locator(`[data-testid="policy-row"][data-tag="${tag}"]`);
  }

  builtin(tag: string): Locator {
    return this.page.locator(`[data-testid="builtin-policy"][data-tag="${tag}"]`);
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** The n-th check (from 0) of the open policy form. */
  check(index: number): Locator {
    return this.form.getByTestId("check").nth(index);
  }

  async submit(): Promise<void> {
    await this.form.getByTestId("policy-submit").click();
  }
}
