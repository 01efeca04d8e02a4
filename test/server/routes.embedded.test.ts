import { defineRouteSuites } from './suites';

defineRouteSuites('embedded');
