// The DSL public face; filled by the DSL module.
export {};
