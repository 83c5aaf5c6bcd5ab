import type { AttributeInfo, ModelFamilySummary } from '../../../preload/contract';
import { i18n } from './index';

/**
 * Model packages carry their own translations (the manifest's `translations`); these pick the
 * UI locale's, else the package's English. Reading the locale ref makes a template re-render
 * when the language changes.
 */
export function familyTitle(family: Pick<ModelFamilySummary, 'title' | 'titles'>): string {
  return family.titles?.[i18n.global.locale.value] ?? family.title;
}

/** A slider's label: the family's translation of a shipped attribute, else its label, else its name. */
export function attributeLabel(attribute: Pick<AttributeInfo, 'name' | 'label' | 'labels'>): string {
  return attribute.labels?.[i18n.global.locale.value] ?? attribute.label ?? attribute.name;
}
