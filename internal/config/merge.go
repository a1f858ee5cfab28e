package config

import "go.yaml.in/yaml/v3"

// merge overlays high on low without modifying either: both are shared by
// the result, which is what lets each scalar keep the layer it came from.
func merge(low, high *node) *node {
	if low.kind != yaml.MappingNode || high.kind != yaml.MappingNode {
		return high
	}
	// Keys are matched by their text; a non-scalar key never matches, so it
	// is appended like a new key.
	highAt := make(map[string]int, len(high.content)/2)
	for i := 0; i+1 < len(high.content); i += 2 {
		if k := high.content[i]; k.kind == yaml.ScalarNode {
			highAt[k.value] = i
		}
	}
	used := make(map[int]bool, len(highAt))
	out := *low // the lower layer's style and position describe the map
	out.content = make([]*node, 0, len(low.content)+len(high.content))
	for i := 0; i+1 < len(low.content); i += 2 {
		k, v := low.content[i], low.content[i+1]
		if k.kind == yaml.ScalarNode {
			if j, ok := highAt[k.value]; ok {
				v = merge(v, high.content[j+1])
				used[j] = true
			}
		}
		out.content = append(out.content, k, v)
	}
	for j := 0; j+1 < len(high.content); j += 2 {
		if !used[j] {
			out.content = append(out.content, high.content[j], high.content[j+1])
		}
	}
	return &out
}
