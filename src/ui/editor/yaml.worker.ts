// The YAML language worker (monaco-yaml), bundled by Vite with `?worker`.
import 'monaco-yaml/yaml.worker.js';
