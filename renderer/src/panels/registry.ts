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
  { id: 'inpaint', titleKey: 'panels.inpaint', component: lazy(() => import('./InpaintPanel.vue')) },
  { id: 'batch', titleKey: 'panels.batch', component: lazy(() => import('./BatchPanel.vue')) },
  { id: 'models', titleKey: 'panels.models', component: lazy(() => import('./ModelsPanel.vue')) },
  { id: 'edit', titleKey: 'panels.edit', component: lazy(() => import('./EditPanel.vue')) },
  { id: 'paint', titleKey: 'panels.paint', component: lazy(() => import('./PaintPanel.vue')) },
  { id: 'sr', titleKey: 'panels.sr', component: lazy(() => import('./SrPanel.vue')) },
];
