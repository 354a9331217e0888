/** The About page: privacy, data credits, how it works, and the models on this device. */
export const aboutEn = {
  title: 'About Aisle',
  privacy: 'Privacy',
  privacyText:
    "Aisle runs entirely in your browser. What you view, search, add to your cart and buy is stored in this browser's own storage (IndexedDB) and used there, by models that run on this device in background workers. It is never sent to a server, to the store, or to anyone else: the app makes no requests outside the site it was loaded from, unless you choose to load a search model or the assistant's writing model from another host (below: its size is shown first, and that host sees only the download). You can see, export and delete everything on the",
  yourDataPage: 'Your data',
  page: 'page.',
  credits: 'Data credits',
  licence: (p: { licence: string }) => `Licence: ${p.licence}`,
  source: (p: { url: string }) => `. Source: ${p.url}`,
  demoCredit: 'The bundled demo store uses product data from the Flipkart products dataset by PromptCloud (flipkart.com, 2015–2016), CC BY-SA 4.0, adapted by the Aisle project.',
  pictures: 'Product pictures are drawn on this device; no image is loaded from another site.',
  how: 'How it works',
  howText:
    'The page only draws and records. A recommender worker reads your history from this browser\'s storage and computes the shelves (recently viewed, popular, bought together, similar, picked for you) and answers searches, by words (a compact index on MiniSearch\'s radix tree, typo tolerant) and by meaning; a language worker runs a small sentence encoder (Transformers.js) that turns product texts and your queries into vectors. Built with Svelte, TensorFlow.js, Transformers.js, idb, comlink and MiniSearch.',
};

export const aboutZh: typeof aboutEn = {
  title: '关于 Aisle',
  privacy: '隐私',
  privacyText:
    'Aisle 完全在你的浏览器中运行。你浏览、搜索、加入购物车和购买的内容都保存在这个浏览器自己的存储（IndexedDB）里，并由在这台设备后台线程中运行的模型使用。它从不发送到服务器、商店或任何其他人：除非你选择从其他主机载入搜索模型或助手的写作模型（见下文：会先显示其大小，该主机只能看到下载本身），否则应用不会向它所在网站以外的地方发出任何请求。你可以在以下页面查看、导出和删除一切：',
  yourDataPage: '我的数据',
  page: '。',
  credits: '数据致谢',
  licence: (p) => `许可：${p.licence}`,
  source: (p) => `。来源：${p.url}`,
  demoCredit: '内置的演示商店使用了 PromptCloud 的 Flipkart 商品数据集（flipkart.com，2015–2016），CC BY-SA 4.0，由 Aisle 项目改编。',
  pictures: '商品图片是在这台设备上绘制的；不会从其他网站载入任何图片。',
  how: '工作原理',
  howText:
    '页面只负责绘制和记录。推荐线程从这个浏览器的存储中读取你的历史记录，计算各个推荐栏（最近浏览、热门、经常一起购买、相似商品、为你精选），并按字词（基于 MiniSearch 基数树的紧凑索引，容错拼写）和语义回答搜索；语言线程运行一个小型句子编码器（Transformers.js），把商品文字和你的搜索转换成向量。使用 Svelte、TensorFlow.js、Transformers.js、idb、comlink 和 MiniSearch 构建。',
};
