import {
  CellApiModule,
  CellStyleModule,
  CheckboxEditorModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  DateEditorModule,
  DateFilterModule,
  EventApiModule,
  InfiniteRowModelModule,
  LargeTextEditorModule,
  LocaleModule,
  NumberEditorModule,
  NumberFilterModule,
  QuickFilterModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  TooltipModule,
  ModuleRegistry,
} from 'ag-grid-community';

/**
 * Only the grid features our two tables use (AllCommunityModule was a large part of the
 * renderer's code): both row models, selection, the quick find and column filters, the cell
 * editors of our column types, tooltips, cell classes, the locale and the API calls the
 * commands make. Imported by each view that shows a grid, which both load on first use. A
 * feature used without its module is a console error, which the e2e fixture turns into a
 * failed test.
 */
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  InfiniteRowModelModule,
  RowSelectionModule,
  QuickFilterModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  TextEditorModule,
  LargeTextEditorModule,
  SelectEditorModule,
  CheckboxEditorModule,
  DateEditorModule,
  NumberEditorModule,
  TooltipModule,
  CellStyleModule,
  LocaleModule,
  RowApiModule,
  ScrollApiModule,
  ColumnApiModule,
  RenderApiModule,
  EventApiModule,
  CellApiModule,
]);
