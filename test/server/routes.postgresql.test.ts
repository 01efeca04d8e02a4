import { defineRouteSuites } from './suites';

defineRouteSuites('postgresql');
