// The Web Worker that hashes large body files (src/ui/web/hasher.rs, Hasher): loads the
// `sigv4-lab-hasher` bin that Trunk builds beside the app (worker files keep their names).
importScripts('./sigv4-lab-hasher.js');
wasm_bindgen({ module_or_path: './sigv4-lab-hasher_bg.wasm' });
