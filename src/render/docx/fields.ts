/**
 * Complex field pieces (w:fldChar, w:instrText) for fields docx doesn't build the way the compendium needs: the TOC
 * field is begun in its first entry's paragraph and ended in its last one, as Word writes it, with no empty
 * paragraphs around the entries.
 */
import { BuilderElement, XmlComponent } from '#docx';

export function fieldChar(type: 'begin' | 'separate' | 'end'): BuilderElement<{ type: string }> {
  return new BuilderElement<{ type: string }>({
    name: 'w:fldChar',
    attributes: { type: { key: 'w:fldCharType', value: type } },
  });
}

/** `<w:instrText xml:space="preserve">…</w:instrText>` */
export class InstructionText extends XmlComponent {
  constructor(instruction: string) {
    super('w:instrText');
    this.root.push({ _attr: { 'xml:space': 'preserve' } });
    this.root.push(instruction);
  }
}
