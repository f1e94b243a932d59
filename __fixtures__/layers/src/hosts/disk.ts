export const disk = 'a host';
