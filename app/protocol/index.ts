/** The typed host contract: channels (renderer -> host requests), events (host -> renderer), wire messages. */
export * from './channels';
export * from './events';
export * from './wire';
export * from './schemas';
export * from './validate';
export * from './bridge';
export * from './training';
