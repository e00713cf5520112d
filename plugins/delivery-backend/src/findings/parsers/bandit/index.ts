// Bandit native JSON parser (`bandit -f json`).
export { banditParser, BANDIT_DEFAULT_TARGET } from './banditParser';
