// A wrong arrow: bot/ importing the action.
import { inputs } from '../action/inputs.js';
export const dispatch = inputs;
