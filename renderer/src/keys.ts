/** Inside a text field the browser's own undo, copy and paste apply; elsewhere the workbench's do. */
export function typingInField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}
