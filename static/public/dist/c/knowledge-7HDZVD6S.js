import{l as t,p as e}from"./chunk-MSFJXHGO.js";function i(){return t`<${e} title="Knowledge" />`}function n(){return t`<${e} title="Article" />`}export{n as Article,i as Knowledge};
