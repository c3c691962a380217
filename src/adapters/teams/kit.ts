/**
 * Small typed helpers for Adaptive Card JSON (schema 1.5, what Teams renders). Pure: every
 * function returns plain data, so cards are built and tested without Teams.
 */
export * from './card-elements.js';
export * from './card-inputs.js';
