export type Theme = 'light' | 'dark';

/** Must match the key read by the inline script in app.html. */
const STORAGE_KEY = 'pulse-theme';
const darkQuery = '(prefers-color-scheme: dark)';

const systemTheme = (): Theme => (window.matchMedia(darkQuery).matches ? 'dark' : 'light');

/**
 * Light/dark theme. app.html applies it before first paint; this keeps it in sync afterwards.
 * Choosing the theme the OS already prefers forgets the choice, so the page follows the OS
 * again, which makes a single toggle enough (no separate "system" option).
 */
class ThemeState {
  current = $state<Theme>('light');
  #started = false;

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.current = document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
    window.matchMedia(darkQuery).addEventListener('change', () => {
      if (this.#stored() === null) this.#apply(systemTheme());
    });
  }

  toggle(): void {
    const next: Theme = this.current === 'dark' ? 'light' : 'dark';
    try {
      if (next === systemTheme()) localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode or storage disabled: the toggle still works for this page view.
    }
    this.#apply(next);
  }

  #stored(): Theme | null {
    try {
      const value = localStorage.getItem(STORAGE_KEY);
      return value === 'light' || value === 'dark' ? value : null;
    } catch {
      return null;
    }
  }

  #apply(theme: Theme): void {
    this.current = theme;
    document.documentElement.dataset.theme = theme;
  }
}

export const theme = new ThemeState();
