/**
 * Chinese words with part-of-speech tags, by jieba with our domain dictionary on top of the default
 * one (out of the box it cuts 运维 as 运/维和 and 网格员 as 网格/员). One instance per process.
 */
import { Jieba, type TaggedWord } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DOMAIN_WORDS } from './lexicon.ts';

let instance: Jieba | undefined;

function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    // jieba's user-dictionary format: `word freq tag` per line; a high frequency makes the word win.
    const lines = DOMAIN_WORDS.map(([word, tag]) => `${word} 200000 ${tag}`).join('\n');
    instance.loadDict(new TextEncoder().encode(lines));
  }
  return instance;
}

export type { TaggedWord };


export function tag(text: string): TaggedWord[] {
  return text ? jieba().tag(text, false) : [];
}

export function words(text: string): string[] {
  return text ? jieba().cut(text, false) : [];
}
