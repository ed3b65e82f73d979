import { describe, expect, it } from 'vitest';
import { planInsert, recognizeEditor, undoGroupWait, type TargetInfo } from '@/utils/console/insert-plan';

const div = (over: Partial<TargetInfo>): TargetInfo => ({
  tag: 'DIV',
  contentEditable: true,
  classes: [],
  attributes: ['contenteditable'],
  ...over,
});

describe('recognising the editor from its markup', () => {
  it.each([
    [{ attributes: ['contenteditable', 'data-lexical-editor'] }, 'lexical'],
    [{ attributes: ['data-slate-editor', 'data-slate-node'] }, 'slate'],
    [{ classes: ['ql-editor', 'ql-blank'] }, 'quill'],
    [{ classes: ['tiptap', 'ProseMirror'] }, 'prosemirror'],
    [{ classes: ['ck', 'ck-content', 'ck-editor__editable'] }, 'ckeditor5'],
    [{ classes: ['notranslate', 'public-DraftEditor-content'] }, 'draftjs'],
    [{ classes: ['mce-content-body'] }, 'tinymce'],
    [{ classes: ['cm-content'] }, 'codemirror'],
    [{ tags: ['div', 'trix-editor'] }, 'trix'],
    [{ classes: ['note-editor', 'prosemirror-like'] }, null],
  ] as const)('%j → %s', (over, editor) => {
    expect(recognizeEditor(div(over))).toBe(editor);
  });
});

describe('choosing the insert methods', () => {
  it('native fields: the undoable insertText command, then the value setter', () => {
    for (const info of [
      { tag: 'TEXTAREA', contentEditable: false, classes: [], attributes: [] },
      { tag: 'INPUT', inputType: '', contentEditable: false, classes: [], attributes: [] },
      { tag: 'INPUT', inputType: 'Search', contentEditable: false, classes: [], attributes: [] },
    ]) {
      expect(planInsert(info, { hasHtml: true })).toEqual({
        kind: 'native',
        editor: null,
        methods: ['exec-insert-text', 'value-setter'],
      });
    }
  });

  it('takes nothing that is not a text field', () => {
    expect(
      planInsert(
        { tag: 'INPUT', inputType: 'password', contentEditable: false, classes: [], attributes: [] },
        { hasHtml: false },
      ),
    ).toBeNull();
    expect(
      planInsert(
        { tag: 'INPUT', inputType: 'checkbox', contentEditable: false, classes: [], attributes: [] },
        { hasHtml: false },
      ),
    ).toBeNull();
    expect(
      planInsert({ tag: 'DIV', contentEditable: false, classes: [], attributes: [] }, { hasHtml: true }),
    ).toBeNull();
  });

  it('framework editors get only what their model handles: paste and beforeinput, never a DOM edit', () => {
    const domEdits = ['exec-insert-html', 'range-insert', 'value-setter'];
    for (const over of [
      { attributes: ['data-lexical-editor'] },
      { attributes: ['data-slate-editor'] },
      { classes: ['ql-editor'] },
      { classes: ['ProseMirror'] },
      { classes: ['ck-editor__editable'] },
      { classes: ['public-DraftEditor-content'] },
    ]) {
      const plan = planInsert(div(over), { hasHtml: true })!;
      expect(plan.kind, JSON.stringify(over)).toBe('framework');
      expect(
        plan.methods.some((m) => domEdits.includes(m)),
        JSON.stringify(over),
      ).toBe(false);
    }
    expect(planInsert(div({ attributes: ['data-lexical-editor'] }), { hasHtml: true })!.methods[0]).toBe('paste');
    // Slate (in Chromium) reads a paste from beforeinput, not from the paste event.
    expect(planInsert(div({ attributes: ['data-slate-editor'] }), { hasHtml: true })!.methods[0]).toBe(
      'beforeinput-paste',
    );
  });

  it('plain contenteditable: a paste the page may handle, then the undoable commands, then a DOM insert', () => {
    expect(planInsert(div({}), { hasHtml: true })).toEqual({
      kind: 'contenteditable',
      editor: null,
      methods: ['paste', 'exec-insert-html', 'exec-insert-text', 'range-insert'],
    });
    expect(planInsert(div({}), { hasHtml: false })!.methods).toEqual(['paste', 'exec-insert-text', 'range-insert']);
    expect(planInsert(div({ plaintextOnly: true }), { hasHtml: true })!.methods).toEqual([
      'exec-insert-text',
      'range-insert',
    ]);
  });

  it('DOM-based editors (TinyMCE, Trix) are contenteditable with their paste first; no HTML without HTML', () => {
    const tiny = planInsert(div({ classes: ['mce-content-body'] }), { hasHtml: true })!;
    expect(tiny).toEqual({
      kind: 'contenteditable',
      editor: 'tinymce',
      methods: ['paste', 'exec-insert-html', 'exec-insert-text'],
    });
    expect(planInsert(div({ classes: ['mce-content-body'] }), { hasHtml: false })!.methods).toEqual([
      'paste',
      'exec-insert-text',
    ]);
  });
});

describe('undoGroupWait', () => {
  it('waits out the rest of the merge window of the editors whose history merges changes close in time', () => {
    expect(undoGroupWait('quill', 0)).toBe(1_080);
    expect(undoGroupWait('quill', 400)).toBe(680);
    expect(undoGroupWait('prosemirror', 100)).toBe(480);
    expect(undoGroupWait('codemirror', 499.5)).toBe(81);
    expect(undoGroupWait('lexical', 0)).toBe(380);
  });
  it('does not wait once the window has passed, for other editors, or with no edit seen', () => {
    expect(undoGroupWait('quill', 1_080)).toBe(0);
    expect(undoGroupWait('quill', 2_000)).toBe(0);
    expect(undoGroupWait('prosemirror', Number.POSITIVE_INFINITY)).toBe(0);
    expect(undoGroupWait('quill', Number.NaN)).toBe(0);
    expect(undoGroupWait('quill', -5)).toBe(0);
    for (const editor of ['slate', 'ckeditor5', 'draftjs', 'tinymce', 'trix', null] as const)
      expect(undoGroupWait(editor, 0)).toBe(0);
  });
});
