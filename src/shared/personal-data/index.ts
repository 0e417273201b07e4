export * from './personal-data-exporter';
