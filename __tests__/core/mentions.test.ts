import fc from 'fast-check';
import { mentionsIn, parseBody, renderMentions, unroutedMentions } from '../../src/core/mentions.js';

const installedOnly =
  (...names: string[]) =>
  (name: string) =>
    names.includes(name) ? `<${name}>` : null;
const render = (body: string, ...installed: string[]) =>
  renderMentions(parseBody(body), installedOnly(...installed), 'HANDBACK');

describe('mention rewriting with agents that are not installed', () => {
  it('rewrites installed mentions and leaves the text around them alone', () => {
    expect(render('Ask @blue-a about it.', 'blue-a')).toBe('Ask <blue-a> about it.');
  });

  it('drops missing members of a list and keeps its last separator', () => {
    expect(render('to @blue-a, @blue-b or @blue-c.', 'blue-a', 'blue-c')).toBe('to <blue-a> or <blue-c>.');
    expect(render('to @blue-a, @blue-b, @blue-c and @blue-d.', 'blue-a', 'blue-b', 'blue-d')).toBe(
      'to <blue-a>, <blue-b> and <blue-d>.',
    );
    expect(render('to @blue-a, @blue-b and @blue-c.', 'blue-b')).toBe('to <blue-b>.');
    // A list with nobody missing keeps its own punctuation.
    expect(render('@blue-a and @blue-b, @blue-c', 'blue-a', 'blue-b', 'blue-c')).toBe(
      '<blue-a> and <blue-b>, <blue-c>',
    );
  });

  it('hands work back where a list is left empty outside a table row’s first list', () => {
    expect(render('Escalate gaps to @blue-x and designs to @blue-y.', 'blue-y')).toBe(
      'Escalate gaps to HANDBACK and designs to <blue-y>.',
    );
    expect(render('| Area | @blue-a | @blue-x |', 'blue-a')).toBe('| Area | <blue-a> | HANDBACK |');
  });

  it('drops a table row whose first list is empty, and only that row', () => {
    const table = '| Area | Who |\n|---|---|\n| Go | @blue-go |\n| Node | @blue-node, @blue-go |\nafter';
    expect(render(table, 'blue-node')).toBe('| Area | Who |\n|---|---|\n| Node | <blue-node> |\nafter');
    // An indented row of a table inside a list item is a row too.
    expect(render('1. step\n   | @blue-go | x |\n2. next', 'blue-node')).toBe('1. step\n2. next');
  });

  it('never treats code or e-mail addresses as mentions', () => {
    const body = 'In `@blue-x` code\n```\n@blue-x\n```\nmail team@blue-x.dev and @blue-x/@blue-y';
    expect(mentionsIn(body)).toEqual(['blue-x']);
    expect(render(body)).toBe(body.replace('and @blue-x/', 'and HANDBACK/'));
  });

  it('leaves a mention as written when the rewrite says so (self-mentions, unknown names)', () => {
    expect(renderMentions(parseBody('see @blue-self'), () => undefined, 'HANDBACK')).toBe('see @blue-self');
  });

  it('reports as unrouted exactly the mentions that become the hand-back phrase', () => {
    const body =
      '| @blue-go | @blue-x |\nSend to @blue-a or @blue-b; escalate to @blue-c.\n- next: @blue-d, @blue-a';
    const installed = (n: string) => n === 'blue-a';
    expect(unroutedMentions(body, installed).sort()).toEqual(['blue-c']);
    expect(unroutedMentions(body, () => false).sort()).toEqual(['blue-a', 'blue-b', 'blue-c', 'blue-d']);
  });

  it('with every agent installed, only rewrites (never drops) — for any body', () => {
    const piece = fc.constantFrom(
      '@blue-a',
      '@blue-b',
      ', ',
      ' or ',
      ' and ',
      '| ',
      ' |',
      '\n',
      '`@blue-a`',
      '```\n',
      'text',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const body = pieces.join('');
        const all = renderMentions(parseBody(body), (n) => `@${n}`, 'HANDBACK');
        expect(all).toBe(body);
        const none = renderMentions(parseBody(body), () => null, 'HANDBACK');
        // Nothing outside code names a missing agent afterwards.
        expect(mentionsIn(none)).toEqual([]);
        expect(unroutedMentions(body, () => true)).toEqual([]);
      }),
    );
  });
});
