/**
 * Stand-ins for the theme variables VS Code injects into every webview, with the body class it sets.
 * Only the variables the views read; values close to the default Light+/Dark+/High Contrast themes.
 */
export type ThemeName = 'light' | 'dark' | 'high-contrast';

function css(vars: Record<string, string>): string {
  return `:root {\n${Object.entries(vars).map(([k, v]) => `  --vscode-${k}: ${v};`).join('\n')}\n}\n` +
    'html { background: var(--vscode-sideBar-background); }\n';
}

const common = { 'font-family': 'sans-serif', 'font-size': '13px' };

export const THEMES: Record<ThemeName, { bodyClass: string; css: string }> = {
  light: {
    bodyClass: 'vscode-light',
    css: css({ ...common, foreground: '#3b3b3b', descriptionForeground: '#717171', 'sideBar-background': '#f8f8f8',
      'editor-background': '#ffffff', 'input-background': '#ffffff', 'input-foreground': '#3b3b3b', 'input-border': '#cecece',
      'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#e5e5e5',
      'button-secondaryForeground': '#3b3b3b', 'focusBorder': '#005fb8', 'list-hoverBackground': '#f2f2f2',
      'list-activeSelectionBackground': '#e8e8e8', 'list-inactiveSelectionBackground': '#e4e6f1',
      'editorWidget-border': '#c8c8c8', errorForeground: '#a1260d', 'charts-blue': '#1a85ff', 'charts-orange': '#d18616',
      'charts-green': '#388a34', 'charts-red': '#e51400', 'charts-yellow': '#bf8803', 'charts-purple': '#652d90' }),
  },
  dark: {
    bodyClass: 'vscode-dark',
    css: css({ ...common, foreground: '#cccccc', descriptionForeground: '#9d9d9d', 'sideBar-background': '#181818',
      'editor-background': '#1f1f1f', 'input-background': '#313131', 'input-foreground': '#cccccc', 'input-border': '#3c3c3c',
      'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#313131',
      'button-secondaryForeground': '#cccccc', 'focusBorder': '#0078d4', 'list-hoverBackground': '#2a2d2e',
      'list-activeSelectionBackground': '#04395e', 'list-inactiveSelectionBackground': '#37373d',
      'editorWidget-border': '#454545', errorForeground: '#f85149', 'charts-blue': '#3794ff', 'charts-orange': '#d18616',
      'charts-green': '#89d185', 'charts-red': '#f14c4c', 'charts-yellow': '#cca700', 'charts-purple': '#b180d7' }),
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    css: css({ ...common, foreground: '#ffffff', descriptionForeground: '#ffffff', 'sideBar-background': '#000000',
      'editor-background': '#000000', 'input-background': '#000000', 'input-foreground': '#ffffff', 'input-border': '#6fc3df',
      'button-background': '#000000', 'button-foreground': '#ffffff', 'focusBorder': '#f38518', contrastBorder: '#6fc3df',
      'list-hoverBackground': '#000000', 'editorWidget-border': '#6fc3df', errorForeground: '#f48771',
      'charts-blue': '#3794ff', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-red': '#f14c4c',
      'charts-yellow': '#cca700', 'charts-purple': '#b180d7' }),
  },
};
