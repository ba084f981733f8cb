/** Largest |coordinate| of a view corner or a start point in a link. */
export const MAX_COORD = 1e6;
