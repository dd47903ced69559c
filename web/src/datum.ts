export { nlDatum } from './format';
