package config

import (
	"bytes"
	"errors"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Resolve returns the merged tree with every reference replaced by its value,
// for reyn's components. It is the only output that holds values: never
// print it, and never print an error from decoding it as is (yaml.v3 quotes
// values in its errors). The root is a MappingNode; line numbers are kept.
func (c *Config) Resolve(src Sources) (*yaml.Node, []Warning) {
	r := renderer{c: c, src: src}
	return r.node(c.root), r.warnings()
}

// Show returns the merged configuration as YAML for display: each defined
// substitution is ***, an undefined one is empty, $$ is $, and a malformed
// reference stays as written.
func (c *Config) Show(src Sources) ([]byte, []Warning, error) {
	r := renderer{c: c, src: src, mask: true}
	root := r.node(c.root)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	err := enc.Encode(root)
	if err == nil {
		err = enc.Close()
	}
	if err != nil {
		return nil, r.warnings(), errors.New("cannot render the configuration: " + sanitizeReason(strings.TrimPrefix(err.Error(), "yaml: ")))
	}
	return buf.Bytes(), r.warnings(), nil
}

type renderer struct {
	c     *Config
	src   Sources
	mask  bool
	warns map[refPos]piece // undefined and malformed references
}

func (r *renderer) node(n *node) *yaml.Node {
	out := &yaml.Node{Kind: n.kind, Style: n.style, Tag: n.tag, Value: n.value, Line: n.line, Column: n.col}
	if n.tmpl != nil {
		out.Value = r.render(n)
		out.Tag = "!!str"
	} else if r.mask && n.kind == yaml.ScalarNode && r.src.Redact != nil {
		out.Value = r.src.Redact(n.value)
	}
	if len(n.content) > 0 {
		out.Content = make([]*yaml.Node, len(n.content))
		for i, ch := range n.content {
			out.Content[i] = r.node(ch)
		}
	}
	return out
}

// render builds the scalar from its template, so in mask mode a value is
// never even concatenated into the output.
func (r *renderer) render(n *node) string {
	var b strings.Builder
	for i, p := range n.tmpl {
		switch p.kind {
		case pieceText:
			if r.mask && r.src.Redact != nil {
				b.WriteString(r.src.Redact(p.text))
			} else {
				b.WriteString(p.text)
			}
			continue
		case pieceInvalid:
			// Its text is in the literal pieces around it.
			r.warn(n, i)
			continue
		}
		v, source := r.src.lookup(p)
		switch {
		case source == SourceUndefined:
			r.warn(n, i)
		case r.mask:
			b.WriteString("***")
		default:
			b.WriteString(v)
		}
	}
	return b.String()
}

func (r *renderer) warn(n *node, i int) {
	if r.warns == nil {
		r.warns = map[refPos]piece{}
	}
	r.warns[posOf(n, i)] = n.tmpl[i]
}

func (r *renderer) warnings() []Warning {
	var ws []Warning
	for _, pos := range sortedPositions(r.warns) {
		p := r.warns[pos]
		ws = append(ws, Warning{Ref: p.name, File: r.c.files[pos.layer], Line: pos.line, Invalid: p.kind == pieceInvalid})
	}
	return ws
}
