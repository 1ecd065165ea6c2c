/**
 * The types the dashboards are checked against: @grafana/schema's Dashboard, and per panel type the panel
 * plugin's own options and field config (the schema's generic Panel accepts any options), with every query a
 * Prometheus query on the dashboard's `datasource` variable. Types are the JSON form of the schema's types:
 * a string enum stands for its string values, as they appear in exported dashboard JSON.
 */
import type { Dashboard, FieldConfig, FieldConfigSource, Panel, RowPanel } from '@grafana/schema';
import type * as BarGauge from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type * as Stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type * as Table from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import type * as Text from '@grafana/schema/dist/esm/raw/composable/text/panelcfg/x/TextPanelCfg_types.gen';
import type * as TimeSeries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

/** The JSON form of a schema type: string enums become the union of their values; the rest is kept. */
export type Json<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<Json<U>>
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;

/** Every panel and query reads from the data source the dashboard's `datasource` variable selects. */
export interface DatasourceVariable {
  type: 'prometheus';
  uid: '${datasource}';
}

/** A Prometheus query as Grafana's Prometheus data source saves it (PromQuery). */
export interface PromTarget {
  refId: string;
  datasource: DatasourceVariable;
  expr: string;
  legendFormat?: string;
  instant?: boolean;
  range?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
  interval?: string;
  hide?: boolean;
  editorMode?: 'code' | 'builder';
  exemplar?: boolean;
}

/** Field config whose `custom` part is the panel plugin's own (any subset of it). */
interface TypedFieldConfig<Custom> {
  defaults: Omit<FieldConfig, 'custom'> & { custom?: Partial<Custom> };
  overrides: FieldConfigSource['overrides'];
}

type QueryPanel<Type extends string, Options, Custom> = Omit<Panel, 'type' | 'options' | 'targets' | 'datasource' | 'fieldConfig'> & {
  type: Type;
  datasource: DatasourceVariable;
  options: Options;
  fieldConfig: TypedFieldConfig<Custom>;
  targets: PromTarget[];
};

/** The panel types the evalstream dashboards use; any other type is an error. */
export interface PanelTypes {
  timeseries: QueryPanel<'timeseries', TimeSeries.Options, TimeSeries.FieldConfig>;
  stat: QueryPanel<'stat', Stat.Options, Record<string, never>>;
  bargauge: QueryPanel<'bargauge', BarGauge.Options, Record<string, never>>;
  table: QueryPanel<'table', Table.Options, Table.FieldConfig>;
  text: Omit<Panel, 'type' | 'options' | 'targets' | 'datasource'> & { type: 'text'; options: Text.Options };
  row: Omit<RowPanel, 'panels'> & { panels: [] };
}

export type PanelJson<K extends keyof PanelTypes> = Json<PanelTypes[K]>;

/** The dashboard without its panels, which are checked one by one against their own type. */
export type DashboardJson = Json<Omit<Dashboard, 'panels'>> & { panels: unknown[] };
