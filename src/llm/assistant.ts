/**
 * Optional model help. Each task has a rule-based fallback and the review (the dialog's own rules,
 * with the template library) that the caller passes in; the model's answer is parsed with zod and
 * must pass that review, or the fallback is used.
 * A late answer is abandoned after `timeoutMs`, so the user never waits longer than that.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { z } from 'zod';
import { DraftTableSchema, type DraftTable, type Indicator, type Targets } from '../domain/draft.ts';
import { canonicalLevel1, canonicalLevel2, FRAMEWORKS, type FrameworkId } from '../domain/framework.ts';
import type { Finding } from '../rules/index.ts';
import type { Drafted, IndicatorRequest, ModelHelp, Review, TargetsRequest } from '../dialog/services.ts';
import type { StructuredMethod } from './config.ts';
import { fillPrompt, type PromptName, type Prompts, type PromptVars } from './prompts.ts';

export type { Drafted, IndicatorRequest, Review, TargetsRequest };

export interface AssistantOptions {
  timeoutMs: number;
  structuredMethod: StructuredMethod;
  log?: (message: string) => void;
}

const text = z.string().nullish();

const ExtractionSchema = z.object({
  projectName: text.describe('项目名称'),
  department: text.describe('主管部门'),
  implementer: text.describe('实施单位'),
  period: text.describe('项目实施期，如 2026年1月至2026年12月'),
  amountWan: z.number().nullish().describe('项目金额，单位万元'),
  fundUse: text.describe('资金用途'),
  targetPeriod: text.describe('实施期目标'),
  targetAnnual: text.describe('年度目标'),
});

const IndicatorsSchema = z.object({
  indicators: z
    .array(
      z.object({
        level1: z.string().describe('一级指标'),
        level2: z.string().describe('二级指标'),
        name: z.string().describe('三级指标名称'),
        description: text.describe('绩效指标描述'),
        value: z.string().describe('指标值，如 ≥95%、≤20万元、2026年12月底前'),
        basis: text.describe('指标值确定依据'),
      }),
    )
    .min(1)
    .max(30),
});

const TargetsSchema = z.object({
  period: z.string().min(4).max(1000).describe('实施期目标'),
  annual: z.string().min(4).max(1000).describe('年度目标'),
});

const clean = (s: string | null | undefined) => (s ?? '').trim() || undefined;

/** Error findings that concern one of the given fields (dotted-path prefixes). */
function errorsIn(findings: Finding[], fields: string[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && f.code !== 'required' && fields.some((p) => f.field.startsWith(p)));
}

/** The indicator a finding names, error or warning: a reviewer would query that row. */
function rowOf(f: Finding): number | undefined {
  if (typeof f.indicator === 'number') return f.indicator;
  const m = /^indicators\.(\d+)/.exec(f.field);
  return m ? Number(m[1]) : undefined;
}

function flaggedRows(findings: Finding[]): Set<number> {
  return new Set(findings.map(rowOf).filter((k) => k !== undefined));
}

export class Assistant implements ModelHelp {
  #model: Promise<BaseChatModel> | undefined;

  /** `model` may be a factory, called once on the first request. */
  constructor(
    private readonly model: BaseChatModel | (() => Promise<BaseChatModel>) | undefined,
    private readonly prompts: Prompts,
    private readonly options: AssistantOptions,
  ) {}

  private resolveModel(): Promise<BaseChatModel> | undefined {
    if (this.model === undefined) return undefined;
    this.#model ??= typeof this.model === 'function' ? this.model() : Promise.resolve(this.model);
    return this.#model;
  }

  get enabled(): boolean {
    return this.model !== undefined;
  }

  private log(message: string): void {
    (this.options.log ?? ((m) => console.warn(m)))(`[llm] ${message}`);
  }

  /** One structured call, parsed with zod; undefined on any failure or after the timeout. */
  private async ask<N extends PromptName, S extends z.ZodType>(
    name: N,
    vars: PromptVars<N>,
    schema: S,
  ): Promise<z.infer<S> | undefined> {
    const pending = this.resolveModel();
    if (!pending) return undefined;
    const prompt = fillPrompt(this.prompts[name], vars);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`timed out after ${this.options.timeoutMs} ms`));
      }, this.options.timeoutMs);
    });
    try {
      const model = await Promise.race([pending, timeout]);
      const runnable = model.withStructuredOutput(schema as z.ZodType<Record<string, unknown>>, {
        method: this.options.structuredMethod,
        name: `${name}_result`,
      });
      const call = runnable.invoke(
        [
          { role: 'system', content: prompt.system },
          { role: 'user', content: prompt.user },
        ],
        { signal: controller.signal },
      );
      call.catch(() => undefined); // an abandoned call must not surface as an unhandled rejection
      const raw = await Promise.race([call, timeout]);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        this.log(`${name}: answer does not match the schema, using the fallback`);
        return undefined;
      }
      return parsed.data;
    } catch (err) {
      this.log(`${name}: ${err instanceof Error ? err.message : String(err)}, using the fallback`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Free text or an old table → draft fields. Fields the rules reject are left to the fallback. */
  async extract(input: string, fallback: () => Partial<DraftTable>, review: Review): Promise<Drafted<Partial<DraftTable>>> {
    const rules = fallback();
    const got = await this.ask('extract', { text: input.slice(0, 8000) }, ExtractionSchema);
    if (!got) return { value: rules, byModel: false };
    const fields: Partial<DraftTable> = {
      projectName: clean(got.projectName),
      department: clean(got.department),
      implementer: clean(got.implementer),
      period: clean(got.period),
      fundUse: clean(got.fundUse),
    };
    if (got.amountWan != null) {
      const a = got.amountWan;
      fields.amounts = { unit: '万元', period: { total: a, fiscal: a, other: 0 }, annual: { total: a, fiscal: a, other: 0 } };
    }
    const targets = { period: clean(got.targetPeriod), annual: clean(got.targetAnnual) };
    if (targets.period || targets.annual) fields.targets = targets;
    // Keep each model field only if the rules accept it; the parser's fields fill the rest.
    const merged: Partial<DraftTable> = { ...rules };
    let used = false;
    for (const [key, value] of Object.entries(fields) as Array<[keyof DraftTable, unknown]>) {
      if (value === undefined) continue;
      const table = DraftTableSchema.parse({ [key]: value });
      if (errorsIn(review(table), [key]).length) {
        this.log(`extract: dropped ${key} (fails the rules)`);
        continue;
      }
      (merged as Record<string, unknown>)[key] = value;
      used = true;
    }
    return { value: merged, byModel: used };
  }

  /**
   * An indicator set improved by the model from the composed one. Each model row must pass the
   * review in this draft (no finding about it, error or warning: the composer's rows carry none
   * either); flagged rows are dropped, and every category left empty gets the composer's rows back.
   * Fewer than half of the model's rows surviving means the answer is not worth keeping, and so
   * does a model row the review flags next to the composer's rows: the composer's set is used.
   */
  async draftIndicators(req: IndicatorRequest, fallback: () => Indicator[], review: Review): Promise<Drafted<Indicator[]>> {
    const framework = FRAMEWORKS[req.framework].level1.map((l1) => `${l1.name}：${l1.level2.join('、')}`).join('\n');
    const examples = req.examples
      .slice(0, 3)
      .map((p) => `《${p.name}》\n${p.indicators.map((i) => `- ${i.level1}/${i.level2}/${i.name}：${i.value.raw}`).join('\n')}`)
      .join('\n\n');
    const composed = req.composed.map((i) => `- ${i.level1}/${i.level2}/${i.name}：${i.value}${i.description ? `（${i.description}）` : ''}`).join('\n');
    const got = await this.ask(
      'indicators',
      {
        framework,
        project: req.projectName,
        purpose: req.purpose ?? '（未填写）',
        amount: req.amount === undefined ? '（未填写）' : `${req.amount}万元`,
        composed: composed || '（无）',
        examples: examples || '（无）',
      },
      IndicatorsSchema,
    );
    if (!got) return { value: fallback(), byModel: false };
    const indicators: Indicator[] = got.indicators.map((i) => ({
      level1: canonicalLevel1(i.level1),
      level2: canonicalLevel2(i.level2),
      name: i.name.trim(),
      value: i.value.trim(),
      ...(clean(i.description) ? { description: clean(i.description) } : {}),
      ...(clean(i.basis) ? { basis: clean(i.basis) } : {}),
    }));
    const reviewed = (list: Indicator[]) => review({ ...req.table, framework: req.framework, indicators: list });
    const bad = flaggedRows(reviewed(indicators));
    const kept = indicators.filter((_, k) => !bad.has(k));
    if (kept.length < Math.max(1, indicators.length / 2)) {
      this.log(`indicators: ${bad.size} of ${indicators.length} rows fail the review, using the composed set`);
      return { value: fallback(), byModel: false };
    }
    if (bad.size) this.log(`indicators: dropped ${bad.size} row(s) that fail the review`);
    const present = new Set(kept.map((i) => i.level2));
    const merged = [...kept, ...req.composed.filter((i) => !present.has(i.level2))];
    // The model's rows come first in `merged`. A finding on one of them, a missing category, or a
    // finding on a composer's row that the composer's set alone does not have (a duplicate of a
    // model row) rejects the set.
    const said = (list: Indicator[]) => (f: Finding) => `${f.code}|${list[rowOf(f) ?? -1]?.name}`;
    const composerOwn = new Set(reviewed(req.composed).map(said(req.composed)));
    const findings = reviewed(merged);
    const added = findings.filter((f) => rowOf(f) !== undefined && (rowOf(f)! < kept.length || !composerOwn.has(said(merged)(f))));
    if (added.length || errorsIn(findings, ['indicators']).length) {
      this.log('indicators: the model rows fail the review next to the composed ones, using the composed set');
      return { value: fallback(), byModel: false };
    }
    return { value: merged, byModel: true };
  }

  /**
   * 实施期目标 / 年度目标 in the samples' style. Any finding on them (an error, a target copied from
   * a library table, a promise no indicator measures) means the fallback.
   */
  async draftTargets(req: TargetsRequest, fallback: () => Targets, review: Review): Promise<Drafted<Targets>> {
    const got = await this.ask(
      'targets',
      {
        project: req.projectName,
        purpose: req.purpose ?? '（未填写）',
        indicators: req.indicators.map((i) => `- ${i.name}：${i.value}`).join('\n') || '（无）',
      },
      TargetsSchema,
    );
    if (!got) return { value: fallback(), byModel: false };
    const targets = { period: got.period.trim(), annual: got.annual.trim() };
    if (review({ ...req.table, targets }).some((f) => f.field.startsWith('targets'))) {
      this.log('targets: the review flags the answer, using the fallback');
      return { value: fallback(), byModel: false };
    }
    return { value: targets, byModel: true };
  }
}
