/**
 * The user-states page chunk (the data grid), on its own: the scripts page prefetches it, and a
 * route module importing the module that lists every chunk would import itself.
 */
export const loadUserStatesRoute = () => import('./routes/user-states-route');
