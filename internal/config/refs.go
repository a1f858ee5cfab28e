package config

import (
	"cmp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// refPos identifies a reference by where its text stands. Copies made by
// alias expansion share it, so each place in a file is reported once.
type refPos struct {
	layer, line, col, idx int
}

func posOf(n *node, idx int) refPos {
	line := n.line
	if n.style&yaml.LiteralStyle != 0 {
		// A literal block keeps its lines as they are, starting on the line
		// after the indicator; folded and quoted scalars do not.
		line += 1 + strings.Count(n.value[:n.tmpl[idx].off], "\n")
	}
	return refPos{layer: n.layer, line: line, col: n.col, idx: idx}
}

func sortedPositions[V any](m map[refPos]V) []refPos {
	ps := make([]refPos, 0, len(m))
	for p := range m {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b refPos) int {
		return cmp.Or(cmp.Compare(a.layer, b.layer), cmp.Compare(a.line, b.line),
			cmp.Compare(a.col, b.col), cmp.Compare(a.idx, b.idx))
	})
	return ps
}

// Refs lists the references of the effective configuration, malformed ones
// included (Source SourceInvalid): a reference in a lower layer that a higher
// layer replaced is not listed.
func (c *Config) Refs(src Sources) []Ref {
	found := map[refPos]Ref{}
	var walk func(n *node)
	walk = func(n *node) {
		for i, p := range n.tmpl {
			var source string
			switch p.kind {
			case pieceRef:
				_, source = src.lookup(p)
			case pieceInvalid:
				source = SourceInvalid
			default:
				continue
			}
			pos := posOf(n, i)
			found[pos] = Ref{Name: p.name, Source: source, File: c.files[n.layer], Line: pos.line}
		}
		for _, ch := range n.content {
			walk(ch)
		}
	}
	walk(c.root)
	refs := make([]Ref, 0, len(found))
	for _, pos := range sortedPositions(found) {
		refs = append(refs, found[pos])
	}
	return refs
}
