// "Create": a group name and the usernames to add. Errors come back from the host in words;
// a name the user has a group of already is asked about here before a second one is made.
import { errorMessage } from '../../common/error-message';
import { button, fieldValue, h, setFieldValue } from '../dom';

export class CreateForm {
  readonly element: HTMLElement;
  private readonly name: HTMLElement;
  private readonly members: HTMLElement;
  private readonly error: HTMLElement;
  private readonly submit: HTMLElement;
  private readonly sameName: HTMLElement;
  private busy = false;

  constructor(
    doc: Document,
    /** Resolves false when the user has a group of this name already and did not allow another. */
    private readonly create: (name: string, members: string[], allowSameName: boolean) => Promise<boolean>,
    cancel: () => void,
  ) {
    this.name = h(doc, 'vscode-textfield', { attrs: { id: 'create-name', placeholder: 'e.g. backend-team', required: '' } });
    this.members = h(doc, 'vscode-textfield', { attrs: { id: 'create-members', placeholder: 'alice, bob' } });
    this.error = h(doc, 'p', { className: 'form-error', attrs: { role: 'alert' } });
    this.sameName = h(doc, 'div', { className: 'same-name', attrs: { role: 'alert' } });
    this.sameName.hidden = true;
    this.submit = h(doc, 'vscode-button', { text: 'Create group', attrs: { type: 'submit' } });
    const cancelButton = h(doc, 'vscode-button', { text: 'Cancel', attrs: { secondary: '' } });
    cancelButton.addEventListener('click', cancel);
    this.submit.addEventListener('click', () => void this.onSubmit());
    const form = h(
      doc,
      'form',
      { className: 'create-form', attrs: { 'aria-labelledby': 'create-title' } },
      h(doc, 'h2', { text: 'Create a group', attrs: { id: 'create-title' } }),
      h(doc, 'p', { className: 'hint', text: 'The group key is made on this device and sealed for each member; the server never sees it.' }),
      field(doc, 'Group name', 'create-name', this.name),
      field(doc, 'Members (usernames, comma separated, optional)', 'create-members', this.members),
      this.error,
      this.sameName,
      h(doc, 'div', { className: 'form-buttons' }, this.submit, cancelButton),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.onSubmit();
    });
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        cancel();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        void this.onSubmit();
      }
    });
    this.element = h(doc, 'section', { className: 'part part-create' }, form);
  }

  focus(): void {
    this.name.focus();
  }

  private async onSubmit(allowSameName = false): Promise<void> {
    if (this.busy) return;
    this.hideSameName();
    const name = fieldValue(this.name).trim();
    const members = fieldValue(this.members)
      .split(/[\s,]+/)
      .map((m) => m.replace(/^@/, '').trim().toLowerCase())
      .filter(Boolean);
    if (!name) {
      this.error.textContent = 'Give the group a name.';
      this.name.focus();
      return;
    }
    this.busy = true;
    this.submit.setAttribute('disabled', '');
    this.error.textContent = '';
    try {
      if (await this.create(name, members, allowSameName)) {
        setFieldValue(this.name, '');
        setFieldValue(this.members, '');
      } else {
        this.askSameName(name);
      }
    } catch (e) {
      this.error.textContent = errorMessage(e);
    } finally {
      this.busy = false;
      this.submit.removeAttribute('disabled');
    }
  }

  private askSameName(name: string): void {
    const doc = this.element.ownerDocument;
    const again = button(doc, 'Create another', () => void this.onSubmit(true));
    const rename = button(doc, 'Change the name', () => {
      this.hideSameName();
      this.name.focus();
    }, { secondary: true });
    this.sameName.replaceChildren(h(doc, 'p', { text: `You already have a group named ${name}. Create another?` }), h(doc, 'div', { className: 'form-buttons' }, again, rename));
    this.sameName.hidden = false;
    again.focus();
  }

  private hideSameName(): void {
    this.sameName.hidden = true;
    this.sameName.replaceChildren();
  }
}

function field(doc: Document, label: string, id: string, control: HTMLElement): HTMLElement {
  return h(doc, 'div', { className: 'field' }, h(doc, 'vscode-label', { text: label, attrs: { for: id } }), control);
}
