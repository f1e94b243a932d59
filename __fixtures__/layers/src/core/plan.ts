// A wrong arrow: core/ importing a host.
import { disk } from '../hosts/disk.js';
export const plan = disk;
