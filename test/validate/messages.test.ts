/** Messages by key (src/diagnostics/message.ts): placeholders filled once, lists and pairs by language, empty hints left out. */
import { describe, expect, it } from 'vitest';
import { diag, diagnostic, fill } from '../../src/diagnostics/message.js';
import { PHRASES } from '../../src/diagnostics/messages.js';

const AT = { start: { line: 3, column: 5 }, end: { line: 3, column: 9 } };

describe('diag: a diagnostic from a rule id, a message key and its placeholders', () => {
  it('fills both languages, with the default severity and the key kept', () => {
    const d = diag('powers/XK-001.yaml', AT, 'procedure-unknown-step', 'unknownStep', { target: 'x', steps: ['accept', 'review'] });
    expect(d).toEqual({
      file: 'powers/XK-001.yaml', start: AT.start, end: AT.end, rule: 'procedure-unknown-step', severity: 'error', messageId: 'unknownStep',
      message: '环节"x"不存在', messageEn: 'Step "x" does not exist', hint: '可用的环节：accept、review', hintEn: 'Known steps: accept, review',
    });
  });

  it('takes a severity after the params, and a pair by language as a value', () => {
    const d = diag('powers/XK-001.yaml', AT, 'law-not-in-force', 'superseded', { title: '某法', date: PHRASES.noDate }, 'warning');
    expect([d.severity, d.message, d.messageEn]).toEqual(['warning', '《某法》的这一版本已于 （日期未填） 被修订，引用的可能是旧条文', 'This version of 某法 was superseded on (no date)']);
  });

  it('leaves out a hint that renders empty, and fills once (a value with braces stays as it is)', () => {
    const d = diag('laws/a.yaml', AT, 'schema', 'type', { field: { zh: '"名称"', en: '"title"' }, types: { zh: '文字', en: 'string' }, description: undefined });
    expect(d.hint).toBeUndefined();
    expect(d.hintEn).toBeUndefined();
    expect(fill('a {x} b', { x: '{x}' }, 'zh')).toBe('a {x} b');
    expect(fill('{n} 项', { n: 3 }, 'en')).toBe('3 项');
  });

  it('refuses a key the rule does not have (the unchecked form; the checked one does not compile)', () => {
    expect(() => diagnostic('a', AT, 'schema', 'noSuchKey')).toThrow(/no message "noSuchKey" for rule schema/);
    expect(() => diagnostic('a', AT, 'schema', 'toString')).toThrow();
    // @ts-expect-error: not a key of procedure-no-end
    expect(() => diag('a', AT, 'procedure-no-end', 'unknownStep', { target: 'x', steps: [] })).toThrow();
  });

  it('checks the placeholders at compile time', () => {
    // @ts-expect-error: a placeholder missing
    diag('a', AT, 'procedure-no-end', 'noPathToEnd', { name: 'a' });
    // @ts-expect-error: a placeholder the template does not have
    diag('a', AT, 'procedure-no-end', 'noPathToEnd', { name: 'a', id: 'b', extra: 1 });
    // @ts-expect-error: an id that is not in diagnostics/rules.ts
    expect(() => diag('a', AT, 'no-such-rule', 'x')).toThrow();
    expect(diag('a', AT, 'procedure-no-end', 'noEndStep').message).toBe('办理流程没有办结环节');
  });
});
