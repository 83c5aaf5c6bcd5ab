import { defineAsyncComponent, markRaw, type Component } from 'vue';

/** A tab in the right-hand Panels container. */
export interface PanelDefinition {
  id: string;
  /** i18n key of the tab title, e.g. 'panels.adjust'. */
  titleKey: string;
  component: Component;
}

const lazy = (load: () => Promise<{ default: Component }>): Component => markRaw(defineAsyncComponent(load));

/**
 * Every side panel, in tab order. Adding one is one line here plus its component and a
 * `panels.<id>` message in each locale, e.g.
 *   { id: 'models', titleKey: 'panels.models', component: lazy(() => import('./ModelsPanel.vue')) },
 */
export const PANELS: readonly PanelDefinition[] = [
  { id: 'adjust', titleKey: 'panels.adjust', component: lazy(() => import('./AdjustPanel.vue')) },
];
