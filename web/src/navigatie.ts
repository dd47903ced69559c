/**
 * Navigation from code outside a component's render (after an async save): the router registers itself here.
 * Inside components prefer `useNavigate`.
 */
let naar: (pad: string) => void = (pad) => window.location.assign(pad);
export const zetNavigator = (f: (pad: string) => void) => {
  naar = f;
};
export const navigeer = (pad: string) => naar(pad);
