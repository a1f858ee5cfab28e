package config

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxAliasNodes bounds the nodes that alias expansion may create in one file,
// so a "billion laughs" document fails instead of exhausting memory; real
// configs stay orders of magnitude below it.
const maxAliasNodes = 100_000

// node is one element of a layer or of the merged tree. Nodes are never
// mutated after loading, so merged trees share them freely.
type node struct {
	kind    yaml.Kind // MappingNode, SequenceNode or ScalarNode
	style   yaml.Style
	tag     string
	value   string
	line    int
	col     int
	layer   int     // index into Config.files
	content []*node // mapping: key, value, key, value...
	tmpl    []piece // for !!str values that interpolation changes; nil otherwise
}

// Load reads the layer files (lowest priority first), skipping missing ones,
// and merges them. Errors are *FileError.
func Load(paths []string) (*Config, error) {
	c := &Config{root: &node{kind: yaml.MappingNode, tag: "!!map"}}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err // the path is already in FileError
			}
			return nil, &FileError{File: path, Reason: "cannot read: " + err.Error()}
		}
		root, err := parseLayer(path, len(c.files), data)
		if err != nil {
			return nil, err
		}
		c.files = append(c.files, path)
		c.root = merge(c.root, root)
	}
	return c, nil
}

func parseLayer(path string, layer int, data []byte) (*node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err == io.EOF {
		return &node{kind: yaml.MappingNode, tag: "!!map", layer: layer}, nil
	} else if err != nil {
		return nil, parseError(path, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != nil && err != io.EOF {
		return nil, parseError(path, data, err)
	} else if err == nil && !isEmptyDoc(&extra) {
		return nil, &FileError{File: path, Line: extra.Line, Reason: "a second YAML document; a config file holds one"}
	}

	cv := &converter{file: path, layer: layer, active: map[*yaml.Node]bool{}}
	root, err := cv.conv(doc.Content[0], false, false)
	if err != nil {
		return nil, err
	}
	switch {
	case root.kind == yaml.MappingNode:
		return root, nil
	case root.kind == yaml.ScalarNode && root.tag == "!!null":
		return &node{kind: yaml.MappingNode, tag: "!!map", layer: layer}, nil
	}
	return nil, &FileError{File: path, Line: root.line, Reason: "the top level must be a mapping"}
}

func isEmptyDoc(doc *yaml.Node) bool {
	if len(doc.Content) != 1 {
		return len(doc.Content) == 0
	}
	n := doc.Content[0]
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == ""
}

type converter struct {
	file      string
	layer     int
	expanded  int
	aliasLine int                 // the outermost alias being expanded
	active    map[*yaml.Node]bool // anchors being expanded, to catch cycles
}

func (cv *converter) conv(n *yaml.Node, viaAlias, isKey bool) (*node, error) {
	if viaAlias {
		if cv.expanded++; cv.expanded > maxAliasNodes {
			return nil, &FileError{File: cv.file, Line: cv.aliasLine, Reason: "aliases expand to too many nodes"}
		}
	}
	if n.Kind == yaml.AliasNode {
		target := n.Alias
		if !viaAlias {
			cv.aliasLine = n.Line
		}
		if cv.active[target] {
			return nil, &FileError{File: cv.file, Line: n.Line, Reason: "an alias refers to a node that contains it"}
		}
		cv.active[target] = true
		defer delete(cv.active, target)
		return cv.conv(target, true, isKey)
	}
	out := &node{kind: n.Kind, style: n.Style, tag: n.Tag, value: n.Value, line: n.Line, col: n.Column, layer: cv.layer}
	switch n.Kind {
	case yaml.ScalarNode:
		if !isKey && n.ShortTag() == "!!str" {
			out.tmpl = parseTemplate(n.Value)
		}
	case yaml.SequenceNode:
		out.content = make([]*node, 0, len(n.Content))
		for _, c := range n.Content {
			cn, err := cv.conv(c, viaAlias, false)
			if err != nil {
				return nil, err
			}
			out.content = append(out.content, cn)
		}
	case yaml.MappingNode:
		out.content = make([]*node, 0, len(n.Content))
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, err := cv.conv(n.Content[i], viaAlias, true)
			if err != nil {
				return nil, err
			}
			v, err := cv.conv(n.Content[i+1], viaAlias, false)
			if err != nil {
				return nil, err
			}
			if k.kind == yaml.ScalarNode {
				// The key text stays out of the message: it is file content.
				if first, dup := seen[k.value]; dup {
					return nil, &FileError{File: cv.file, Line: k.line, Reason: "mapping key repeated (first at line " + strconv.Itoa(first) + ")"}
				}
				seen[k.value] = k.line
			}
			out.content = append(out.content, k, v)
		}
	default:
		return nil, &FileError{File: cv.file, Line: n.Line, Reason: "unsupported YAML node"}
	}
	return out, nil
}

// parserProblems are the messages of libyaml's parser (as opposed to its
// scanner). yaml.v3 reports their line 0-based, the scanner's 1-based.
// Their quotes are fixed text, so they are shown verbatim.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// fixedProblems are scanner messages whose quotes are fixed text too.
var fixedProblems = map[string]bool{
	"could not find expected ':'":                  true,
	"did not find expected '!'":                    true,
	"did not find expected digit or '.' character": true,
	"did not find the expected '>'":                true,
}

var (
	lineRe    = regexp.MustCompile(`^line (\d+): `)
	anchorRe  = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
	quotedRe  = regexp.MustCompile("'[^']*'|\"[^\"]*\"|`[^`]*`")
	maxReason = 120
)

// parseError turns a yaml.v3 error into "file:line: reason" with a reason
// that cannot carry file content.
func parseError(path string, data []byte, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	switch {
	case parserProblems[msg]:
		line++
	case line == 0:
		if m := anchorRe.FindStringSubmatch(msg); m != nil {
			line = lineOf(data, aliasOffset(data, m[1]))
		} else {
			line = lineOf(data, badByteOffset(data))
		}
	}
	if line == 0 {
		// yaml.v3 omits the line when libyaml's marks are both on line 1.
		line = 1
	}
	if last := lastLine(data); line > last {
		// An error found at the end of the stream points past the last line.
		line = last
	}
	reason := msg
	if !parserProblems[msg] && !fixedProblems[msg] {
		reason = sanitizeReason(msg)
	}
	return &FileError{File: path, Line: line, Reason: "invalid YAML: " + reason}
}

// sanitizeReason drops anything quoted (yaml.v3 quotes anchors, tags and
// values in some messages) and cuts at a stray quote, so no file text, and
// hence no secret, can reach the message.
func sanitizeReason(msg string) string {
	msg = quotedRe.ReplaceAllString(msg, "<redacted>")
	if i := strings.IndexAny(msg, "'\"`"); i >= 0 {
		msg = strings.TrimSpace(msg[:i])
	}
	if len(msg) > maxReason {
		msg = msg[:maxReason]
	}
	if msg == "" {
		msg = "cannot parse"
	}
	return msg
}

// lineOf returns the 1-based line of byte offset off, or 0 for off < 0.
func lineOf(data []byte, off int) int {
	if off < 0 {
		return 0
	}
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

func lastLine(data []byte) int {
	n := bytes.Count(data, []byte{'\n'})
	if len(data) == 0 || data[len(data)-1] != '\n' {
		n++
	}
	return max(n, 1)
}

func aliasOffset(data []byte, name string) int {
	return bytes.Index(data, []byte("*"+name))
}

// badByteOffset finds what yaml.v3's reader rejects without a line: invalid
// UTF-8 or a character YAML does not allow. UTF-16 input is left to yaml.v3.
func badByteOffset(data []byte) int {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return -1
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 || !printable(r) {
			return i
		}
		i += size
	}
	return -1
}

func printable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85 || r == 0xFEFF:
		return true
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}
