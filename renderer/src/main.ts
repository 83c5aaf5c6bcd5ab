import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import './styles/base.css';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
document.documentElement.lang = i18n.global.locale.value;
app.mount('#app');
