// Preact with htm: tagged templates instead of JSX, so the sources run as they are (no compile step
// beyond bundling). Pages import html and the hooks from here.
import { h, render, Fragment } from 'preact';
import { useState, useEffect, useRef, useMemo, useCallback } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);
export { h, render, Fragment, useState, useEffect, useRef, useMemo, useCallback };
