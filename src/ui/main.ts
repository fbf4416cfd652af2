// Renderer entry: one Vue app, Pinia stores per area, the bridge set up by the preload (or the test harness).
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import './styles/base.css';

createApp(App).use(createPinia()).mount('#app');
