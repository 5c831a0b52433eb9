"""HTTP adapters: one router per dialect, thin handlers (parse, call one use case, render)."""
