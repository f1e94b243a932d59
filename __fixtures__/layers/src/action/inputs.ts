export const inputs = 'action inputs';
