import type { CustomCellRendererProps } from 'ag-grid-react';
import { isWebLink, sourceLabel } from '../format.js';

/** Shows a row's source as a link to the page it came from (opened outside the app). */
export function SourceCell(props: CustomCellRendererProps) {
  const value: unknown = props.value;
  if (!isWebLink(value)) return <span className="muted">{typeof value === 'string' ? value : ''}</span>;
  return (
    <a href={value} target="_blank" rel="noopener noreferrer" title={value} className="source-link">
      {sourceLabel(value)}
    </a>
  );
}
