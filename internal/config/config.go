// Package config loads reyn's layered YAML configuration, merges the layers,
// interpolates ${...} references and reports them, without ever putting a
// resolved value into anything meant for display.
//
// # API
//
//	type Lookup func(name string) (string, bool)
//	type Sources struct{ Env, Secrets Lookup; Redact func(string) string }
//	func FindLayers(home, wd string) []string
//	func Load(paths []string) (*Config, error)
//	func (c *Config) Files() []string
//	func (c *Config) Resolve(src Sources) (*yaml.Node, []Warning)
//	func (c *Config) Show(src Sources) ([]byte, []Warning, error)
//	func (c *Config) Refs(src Sources) []Ref
//	type Ref struct{ Name, Source, File string; Line int }
//	type Warning struct{ Ref, File string; Line int; Invalid bool } // undefined or malformed
//	type FileError struct{ File string; Line int; Reason string }
//	func DisplayPath(home, wd string) func(path string) string
//
// Sources.Env is the shell's own environment (before secrets.env was loaded);
// Sources.Secrets is the content of secrets.env. A nil Lookup finds nothing.
//
// # Layers and merge
//
// FindLayers returns, lowest priority first, <home>/.reyn/config.yaml and,
// when a project is found, <project>/reyn.yaml and <project>/reyn.local.yaml;
// the project is the nearest directory from wd upward holding reyn.yaml. Load
// skips missing files; an empty or all-comment file, or a top-level null, is
// an empty map; any other non-map top level is an error. Maps merge key by key
// (keys compared by their scalar text); everything else, null included, is
// replaced by the higher layer. The lower layer's key order is kept and new
// keys are appended. A key repeated inside one mapping of one file is an
// error, as it is for yaml.v3 decoding into a map.
//
// Within one file, aliases are expanded into copies of their anchor's node
// (line numbers stay those of the anchor, where the text stands); a cycle or
// an expansion beyond maxAliasNodes is an error. "<<" is an ordinary key: the
// layer merge does not apply YAML merge-key semantics (yaml.v3 still does when
// a component decodes the resolved tree). A second non-empty YAML document in
// a file is an error; an empty trailing document ("a: 1\n---\n") is ignored.
//
// # Interpolation
//
// Only scalars whose resolved tag is !!str are interpolated, map keys never.
// A quoted "123" is a string and is interpolated (there is nothing to
// replace, but "${PORT}" quoted is a reference); plain 123, true, null,
// timestamps and custom tags (!env ${X}) are left untouched. A scalar that
// holds a reference resolves to a !!str, so `port: ${PORT}` gives the string
// "8080", never an int: a secret never changes type by its content.
//
//	${NAME}         Env, else Secrets (the shell wins, as after the startup load)
//	${secret:NAME}  Secrets only
//	$$              a literal $
//
// NAME is [A-Za-z_][A-Za-z0-9_]*. Any other $ stays as written: $VAR, "${"
// without a closing brace, ${}, ${N.VAR}, ${{ .Code }}, ${VAR:-x}. The text is
// scanned once, so a resolved value is never itself interpolated. An undefined
// reference becomes "" and yields a Warning; it is never an error. Inside a
// flow collection ([...], {...}) YAML itself requires "${X}" to be quoted.
//
// A "${" that is not a reference but looks like an attempt at one is
// malformed: it still stays as written, but Refs lists it with Source
// SourceInvalid and Show and Resolve yield a Warning with Invalid set, so that
// a typo does not pass silently. With T the text after "${" up to the first
// "}", it is malformed when T is empty (${}), starts with "secret:"
// (${secret:}, ${secret:bad-name}) or starts with a letter or underscore
// (${BAD-NAME}, ${N.VAR}, ${X:-default}, ${A B}); with no "}" after it, when
// the scalar ends right after "${" or the next byte is a letter or underscore
// (${UNCLOSED). Not malformed, and not reported: $$, $VAR, a lone $, $${X}
// (an escape, then literal text), and a T that starts with anything else,
// such as "{", a space or "." (${{ .Code }}, ${ .Code }: other template
// engines' syntax) or a digit (${1X}). The reported name is T (or, unclosed,
// the rest of the scalar) cut at the first byte outside [A-Za-z0-9_.:-] and
// at 40 bytes, so no more of the scalar, which may hold a value, is shown.
//
// Runtime template slots such as external_transports' "${TRANSPORT_DEST}"
// are ${VAR} syntax and are treated like any other reference (the design
// says every string scalar is interpolated); write $${TRANSPORT_DEST} to keep
// one literal.
//
// # Display
//
// Show renders every defined substitution as *** (even when its value is
// empty: nothing about a value is revealed) and an undefined one as "",
// which is exactly what components get and reveals nothing; the warning says
// why it is empty. The shown tree is built from the template, never by
// editing resolved text. Comments are dropped. Refs and warnings (undefined
// and malformed references) list only references in the effective (merged)
// tree, once per place in the file (an alias does not repeat them), sorted by
// layer, then by position.
// Errors quote neither values nor file text (see sanitizeReason).
package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Lookup finds a variable by name.
type Lookup func(name string) (string, bool)

// Sources are where references are looked up.
type Sources struct {
	Env     Lookup // the shell's own environment, before secrets.env was loaded
	Secrets Lookup // the entries of secrets.env
	// Redact, when set, masks known secrets in the literal text that Show prints: a
	// value pasted into a config file instead of referenced is still a value.
	Redact func(string) string
}

// Values of Ref.Source.
const (
	SourceEnvironment = "environment"
	SourceSecrets     = "secrets.env"
	SourceUndefined   = "undefined"
	SourceInvalid     = "invalid" // a malformed reference, left as written
)

// Ref is one reference in the effective configuration.
type Ref struct {
	Name   string // VAR or secret:KEY; for SourceInvalid, the capped text of the attempt
	Source string // SourceEnvironment, SourceSecrets, SourceUndefined or SourceInvalid
	File   string // the layer file, as passed to Load
	Line   int
}

// Warning reports an undefined reference, which was replaced by "", or a
// malformed one (Invalid), which stays as written.
type Warning struct {
	Ref     string // VAR or secret:KEY; when Invalid, as Ref.Name of a SourceInvalid Ref
	File    string // as passed to Load
	Line    int
	Invalid bool // a malformed reference rather than an undefined one
}

func (w Warning) String() string { return w.Format(nil) }

// Format renders the warning with display applied to the file path (nil: as is).
func (w Warning) Format(display func(string) string) string {
	if w.Invalid {
		return fmt.Sprintf("%s:%d: ${%s} is not a valid reference (a name is letters, digits and underscores); it stays as written", apply(display, w.File), w.Line, w.Ref)
	}
	return fmt.Sprintf("%s:%d: ${%s} is not defined; using an empty string", apply(display, w.File), w.Line, w.Ref)
}

// FileError is a layer file that could not be read or parsed. Reason never
// holds text from the file or a value.
type FileError struct {
	File   string
	Line   int // 0 when the error is not about a line
	Reason string
}

func (e *FileError) Error() string { return e.Format(nil) }

// Format renders the error with display applied to the file path (nil: as is).
func (e *FileError) Format(display func(string) string) string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", apply(display, e.File), e.Line, e.Reason)
	}
	return fmt.Sprintf("%s: %s", apply(display, e.File), e.Reason)
}

func apply(display func(string) string, path string) string {
	if display == nil {
		return path
	}
	return display(path)
}

// Config is the merged configuration of the layers that existed.
type Config struct {
	files []string // loaded layer files, lowest first; node.layer indexes it
	root  *node    // always a mapping
}

// Files returns the layer files that were read, lowest priority first.
func (c *Config) Files() []string { return append([]string(nil), c.files...) }

// FindLayers returns the candidate layer files, lowest priority first, whether
// they exist or not. An empty home leaves out the user layer.
func FindLayers(home, wd string) []string {
	var layers []string
	if home != "" {
		layers = append(layers, filepath.Join(home, ".reyn", "config.yaml"))
	}
	if proj, ok := findProject(wd); ok {
		layers = append(layers, filepath.Join(proj, "reyn.yaml"), filepath.Join(proj, "reyn.local.yaml"))
	}
	return layers
}

func findProject(wd string) (string, bool) {
	if wd == "" {
		return "", false
	}
	dir, err := filepath.Abs(wd)
	if err != nil {
		return "", false
	}
	for {
		if fi, err := os.Stat(filepath.Join(dir, "reyn.yaml")); err == nil && !fi.IsDir() {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// DisplayPath returns a function that shortens a path for messages: relative
// to wd when inside it, else ~/... when inside home, else unchanged.
func DisplayPath(home, wd string) func(path string) string {
	return func(path string) string {
		if rel, ok := within(wd, path); ok {
			return rel
		}
		if rel, ok := within(home, path); ok {
			return "~/" + filepath.ToSlash(rel)
		}
		return path
	}
}

func within(dir, path string) (string, bool) {
	if dir == "" || !filepath.IsAbs(path) {
		return "", false
	}
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}
