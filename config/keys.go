package config

import (
	"fmt"
	"sort"
	"strings"
)

// Keys maps action names ("pane.up") to the keys that trigger them. In the
// file an action's keys are a string or a list of strings, and actions may
// be written dotted (pane.up = "k"), quoted ("pane.up" = "k") or as
// sub-tables ([keys.pane] up = "k"); all mean the same.
type Keys map[string][]string

// UnmarshalTOML flattens the [keys] table into action names.
func (k *Keys) UnmarshalTOML(data any) error {
	table, ok := data.(map[string]any)
	if !ok {
		return fmt.Errorf("[keys] must be a table of action = keys")
	}
	out := Keys{}
	if err := flattenKeys("", table, out); err != nil {
		return err
	}
	*k = out
	return nil
}

func flattenKeys(prefix string, table map[string]any, out Keys) error {
	names := make([]string, 0, len(table))
	for name := range table {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		action := prefix + name
		keys, err := keyList(action, table[name])
		if sub, isTable := table[name].(map[string]any); isTable {
			if err := flattenKeys(action+".", sub, out); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		out[action] = keys
	}
	return nil
}

func keyList(action string, v any) ([]string, error) {
	switch v := v.(type) {
	case string:
		return []string{v}, nil
	case []any:
		keys := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("[keys] %s: keys must be strings, got %v", action, e)
			}
			keys = append(keys, s)
		}
		return keys, nil
	}
	return nil, fmt.Errorf("[keys] %s: want a key (\"k\") or a list of keys ([\"k\", \"up\"]), got %v", action, v)
}

// badKeysAction recovers the action named by a keyList error, whose
// position the decoder reports as the [keys] header only.
func badKeysAction(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "[keys] ")
	if !ok {
		return "", false
	}
	action, _, ok := strings.Cut(rest, ":")
	return action, ok
}
