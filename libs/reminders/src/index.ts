export * from './domain/rules.js';
export * from './domain/due.js';
export * from './domain/reminder-texts.js';
export * from './application/reminder-sink.js';
export * from './application/reminder-scanner.js';
export * from './application/daily-digest.js';
export * from './persistence/reminder.entities.js';
export * from './reminders.module.js';
