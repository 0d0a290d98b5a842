// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC2981} from "@openzeppelin/contracts/token/common/ERC2981.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IPlots} from "./interfaces/IPlots.sol";
import {H3} from "./libraries/H3.sol";

/// @title Plots
/// @notice HexAds plots: resolution-7 H3 cells as ERC-721 tokens (token id = the cell's H3 index),
/// sold at one primary price in HXA and traded on a built-in market.
/// @dev Every transfer (sale, gift, outside market) voids the plot's listing in `_update`, so a
/// listing can only ever be bought from the account that made it. The contract holds HXA only as
/// escrow of open offers: each offer is made to the owner of the moment and can only be accepted by
/// that owner while it holds the plot, so a transfer kills it without touching it (no loop over
/// offers), and its buyer can always take the HXA back.
contract Plots is IPlots, ERC721, ERC2981, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // ------------------------------------------------------------------ storage

    /// @notice Highest market fee the admin may set: 10 %.
    uint256 public constant MAX_FEE_BPS = 1000;
    /// @notice Most plots one batch may buy (keeps a batch inside a block).
    uint256 public constant MAX_BATCH = 100;

    /// @notice The HXA token every payment is made in.
    IERC20 public immutable hxa;
    /// @inheritdoc IPlots
    uint256 public primaryPrice;
    /// @inheritdoc IPlots
    uint256 public marketFeeBps;
    /// @notice Receives primary sales and market fees.
    address public treasury;
    /// @dev Live listing of each cell; `seller == address(0)` means none.
    mapping(uint256 cell => Listing) internal _listings;
    /// @dev Each buyer's one offer per cell; `amount == 0` means none.
    mapping(uint256 cell => mapping(address buyer => Offer)) internal _offers;

    // ------------------------------------------------------------------ constructor

    /// @param hxa_ Payment token.
    /// @param admin Holder of DEFAULT_ADMIN_ROLE (price, fee, treasury).
    /// @param treasury_ Receives primary sales and fees.
    /// @param primaryPrice_ Initial price of one unowned plot.
    constructor(IERC20 hxa_, address admin, address treasury_, uint256 primaryPrice_)
        ERC721("HexAds Plot", "PLOT")
    {
        if (address(hxa_) == address(0) || admin == address(0) || treasury_ == address(0)) {
            revert ZeroAddress();
        }
        if (primaryPrice_ == 0) revert InvalidPrice(0);
        hxa = hxa_;
        treasury = treasury_;
        primaryPrice = primaryPrice_;
        marketFeeBps = 250;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setDefaultRoyalty(treasury_, 250);
        emit PrimaryPriceUpdated(primaryPrice_);
        emit MarketFeeUpdated(250);
        emit TreasuryUpdated(treasury_);
    }

    // ------------------------------------------------------------------ primary sale

    /// @inheritdoc IPlots
    function buy(uint256 cell, uint256 maxPrice) external {
        _buy(cell, maxPrice);
    }

    /// @inheritdoc IPlots
    function buyWithPermit(uint256 cell, uint256 maxPrice, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
    {
        _permit(maxPrice, deadline, v, r, s);
        _buy(cell, maxPrice);
    }

    /// @inheritdoc IPlots
    function buyBatch(uint256[] calldata cells, uint256 maxTotal) external {
        _buyBatch(cells, maxTotal);
    }

    /// @inheritdoc IPlots
    function buyBatchWithPermit(
        uint256[] calldata cells,
        uint256 maxTotal,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        _permit(maxTotal, deadline, v, r, s);
        _buyBatch(cells, maxTotal);
    }

    // ------------------------------------------------------------------ market

    /// @inheritdoc IPlots
    function list(uint256 cell, uint256 price, uint64 expiry) external {
        address owner = _ownerOf(cell);
        if (owner != msg.sender) revert NotPlotOwner(cell, msg.sender, owner);
        if (price == 0 || price > type(uint96).max) revert InvalidPrice(price);
        if (expiry <= block.timestamp) revert InvalidExpiry(expiry);
        // The fee is fixed now: a later fee change never cuts what this listing pays the seller.
        _listings[cell] = Listing(msg.sender, uint96(price), expiry, uint16(marketFeeBps));
        emit PlotListed(cell, msg.sender, price, expiry);
    }

    /// @inheritdoc IPlots
    function cancel(uint256 cell) external {
        address owner = _ownerOf(cell);
        if (owner != msg.sender) revert NotPlotOwner(cell, msg.sender, owner);
        if (_listings[cell].seller == address(0)) revert NotListed(cell);
        delete _listings[cell];
        emit ListingCancelled(cell, msg.sender);
    }

    /// @inheritdoc IPlots
    function buyListed(uint256 cell, uint256 maxPrice) external {
        _buyListed(cell, maxPrice);
    }

    /// @inheritdoc IPlots
    function buyListedWithPermit(
        uint256 cell,
        uint256 maxPrice,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        _permit(maxPrice, deadline, v, r, s);
        _buyListed(cell, maxPrice);
    }

    // ------------------------------------------------------------------ offers

    /// @inheritdoc IPlots
    function makeOffer(uint256 cell, uint256 amount, uint64 expiry) external nonReentrant {
        _makeOffer(cell, amount, expiry);
    }

    /// @inheritdoc IPlots
    function makeOfferWithPermit(
        uint256 cell,
        uint256 amount,
        uint64 expiry,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        _permit(amount, deadline, v, r, s);
        _makeOffer(cell, amount, expiry);
    }

    /// @inheritdoc IPlots
    function cancelOffer(uint256 cell) external nonReentrant {
        uint256 amount = _offers[cell][msg.sender].amount;
        if (amount == 0) revert NoOffer(cell, msg.sender);
        delete _offers[cell][msg.sender];
        emit OfferCancelled(cell, msg.sender, amount);
        hxa.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IPlots
    function withdrawOffer(uint256 cell, address buyer) external nonReentrant {
        Offer memory offer = _offers[cell][buyer];
        if (offer.amount == 0) revert NoOffer(cell, buyer);
        if (block.timestamp <= offer.expiry && _ownerOf(cell) == offer.seller) {
            revert OfferStillLive(cell, buyer);
        }
        delete _offers[cell][buyer];
        emit OfferWithdrawn(cell, buyer, offer.amount);
        hxa.safeTransfer(buyer, offer.amount);
    }

    /// @inheritdoc IPlots
    function acceptOffer(uint256 cell, address buyer, uint256 minProceeds) external nonReentrant {
        address owner = _ownerOf(cell);
        if (owner != msg.sender) revert NotPlotOwner(cell, msg.sender, owner);
        Offer memory offer = _offers[cell][buyer];
        if (offer.amount == 0) revert NoOffer(cell, buyer);
        // Made to an earlier owner: this owner never saw it (also rules out a buyer who now owns the plot).
        if (offer.seller != msg.sender) revert OfferNotToOwner(cell, buyer, offer.seller);
        if (block.timestamp > offer.expiry) revert OfferExpired(cell, buyer, offer.expiry);
        uint256 fee = uint256(offer.amount) * marketFeeBps / 10_000;
        uint256 proceeds = offer.amount - fee;
        if (proceeds < minProceeds) revert ProceedsBelowMin(cell, proceeds, minProceeds);

        delete _offers[cell][buyer];
        emit OfferAccepted(cell, msg.sender, buyer, offer.amount, fee);
        // Every resale is a PlotSold, whichever way it was agreed: sale history reads one event.
        emit PlotSold(cell, msg.sender, buyer, offer.amount, fee);
        _transfer(msg.sender, buyer, cell);

        if (fee != 0) hxa.safeTransfer(treasury, fee);
        hxa.safeTransfer(msg.sender, proceeds);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IPlots
    function offerOf(uint256 cell, address buyer) external view returns (Offer memory) {
        return _offers[cell][buyer];
    }

    /// @inheritdoc IPlots
    function listingOf(uint256 cell) external view returns (Listing memory) {
        return _listings[cell];
    }

    /// @inheritdoc IPlots
    function isValidCell(uint256 cell) external pure returns (bool) {
        return H3.isPlot(cell);
    }

    /// @notice On-chain metadata: a data-URI JSON with the cell id, its resolution and an SVG hexagon.
    function tokenURI(uint256 cell) public view override returns (string memory) {
        _requireOwned(cell);
        string memory id = _cellHex(cell);
        string memory svg = string.concat(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><rect width="200" height="200" fill="#0b1e33"/>',
            '<polygon points="100,18 171,59 171,141 100,182 29,141 29,59" fill="#',
            _colour(cell),
            '" stroke="#f4f7fb" stroke-width="6"/><text x="100" y="106" font-family="monospace" font-size="13" ',
            'text-anchor="middle" fill="#f4f7fb">',
            id,
            "</text></svg>"
        );
        string memory json = string.concat(
            '{"name":"HexAds plot ',
            id,
            '","description":"A resolution-7 H3 cell on the HexAds map.","attributes":[{"trait_type":"cell","value":"',
            id,
            '"},{"trait_type":"resolution","value":7}],"image":"data:image/svg+xml;base64,',
            Base64.encode(bytes(svg)),
            '"}'
        );
        return string.concat("data:application/json;base64,", Base64.encode(bytes(json)));
    }

    /// @inheritdoc ERC721
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, ERC2981, AccessControl)
        returns (bool)
    {
        return super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------ admin

    /// @inheritdoc IPlots
    function setPrimaryPrice(uint256 price) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (price == 0) revert InvalidPrice(0);
        primaryPrice = price;
        emit PrimaryPriceUpdated(price);
    }

    /// @inheritdoc IPlots
    function setMarketFee(uint256 feeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (feeBps > MAX_FEE_BPS) revert FeeTooHigh(feeBps, MAX_FEE_BPS);
        marketFeeBps = feeBps;
        _setDefaultRoyalty(treasury, uint96(feeBps));
        emit MarketFeeUpdated(feeBps);
    }

    /// @inheritdoc IPlots
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        _setDefaultRoyalty(treasury_, uint96(marketFeeBps));
        emit TreasuryUpdated(treasury_);
    }

    // ------------------------------------------------------------------ internal

    function _buy(uint256 cell, uint256 maxPrice) internal {
        uint256 price = primaryPrice;
        if (price > maxPrice) revert PriceAboveMax(cell, price, maxPrice);
        _mintPlot(cell, price);
        hxa.safeTransferFrom(msg.sender, treasury, price);
    }

    function _buyBatch(uint256[] calldata cells, uint256 maxTotal) internal {
        uint256 n = cells.length;
        if (n == 0 || n > MAX_BATCH) revert InvalidBatchLength(n, MAX_BATCH);
        uint256 price = primaryPrice;
        // A price change in flight must not charge more than the page showed.
        if (price * n > maxTotal) revert PriceAboveMax(cells[0], price * n, maxTotal);
        for (uint256 i; i < n; ++i) {
            _mintPlot(cells[i], price);
        }
        // One payment for the whole batch: this is what makes a batch cheaper per plot.
        hxa.safeTransferFrom(msg.sender, treasury, price * n);
    }

    function _mintPlot(uint256 cell, uint256 price) internal {
        if (!H3.isPlot(cell)) revert InvalidCell(cell);
        address owner = _ownerOf(cell);
        if (owner != address(0)) revert PlotAlreadyOwned(cell, owner);
        _mint(msg.sender, cell);
        emit PlotBought(cell, msg.sender, price);
    }

    function _buyListed(uint256 cell, uint256 maxPrice) internal {
        Listing memory listing = _listings[cell];
        if (listing.seller == address(0)) revert NotListed(cell);
        if (listing.seller == msg.sender) revert CannotBuyOwnListing(cell);
        if (block.timestamp > listing.expiry) revert ListingExpired(cell, listing.expiry);
        if (listing.price > maxPrice) revert PriceAboveMax(cell, listing.price, maxPrice);

        uint256 fee = uint256(listing.price) * listing.feeBps / 10_000;
        delete _listings[cell];
        emit PlotSold(cell, listing.seller, msg.sender, listing.price, fee);
        _transfer(listing.seller, msg.sender, cell);

        if (fee != 0) hxa.safeTransferFrom(msg.sender, treasury, fee);
        hxa.safeTransferFrom(msg.sender, listing.seller, listing.price - fee);
    }

    /// @dev Replaces the caller's offer: only the difference from what it already escrows moves.
    function _makeOffer(uint256 cell, uint256 amount, uint64 expiry) internal {
        address owner = _requireOwned(cell);
        if (owner == msg.sender) revert OwnPlotOffer(cell);
        if (amount == 0 || amount > type(uint96).max) revert InvalidPrice(amount);
        if (expiry <= block.timestamp) revert InvalidExpiry(expiry);
        uint256 held = _offers[cell][msg.sender].amount;
        _offers[cell][msg.sender] = Offer(owner, uint96(amount), expiry);
        emit OfferMade(cell, msg.sender, owner, amount, expiry);
        if (amount > held) hxa.safeTransferFrom(msg.sender, address(this), amount - held);
        else if (held > amount) hxa.safeTransfer(msg.sender, held - amount);
    }

    /// @dev A failed permit is ignored: it may have been front-run, and the transfer below fails
    /// anyway when the allowance is short.
    function _permit(uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) internal {
        try IERC20Permit(address(hxa)).permit(msg.sender, address(this), value, deadline, v, r, s) {} catch {}
    }

    /// @dev Voids the listing on every transfer of an existing plot (mints have none to void).
    function _update(address to, uint256 cell, address auth) internal override returns (address from) {
        from = super._update(to, cell, auth);
        if (from != address(0)) {
            address seller = _listings[cell].seller;
            if (seller != address(0)) {
                delete _listings[cell];
                emit ListingCancelled(cell, seller);
            }
        }
    }

    /// @dev The canonical 15-character lowercase hex form of a cell, as h3-js prints it.
    function _cellHex(uint256 cell) internal pure returns (string memory) {
        bytes memory out = new bytes(15);
        bytes16 symbols = "0123456789abcdef";
        for (uint256 i = 15; i > 0; --i) {
            out[i - 1] = symbols[cell & 0xF];
            cell >>= 4;
        }
        return string(out);
    }

    /// @dev A stable colour per plot, so neighbouring plots' images differ.
    function _colour(uint256 cell) internal pure returns (string memory) {
        uint256 rgb = uint256(keccak256(abi.encode(cell))) & 0x7f7f7f | 0x404040;
        bytes memory hex6 = bytes(Strings.toHexString(rgb, 3));
        return string(abi.encodePacked(hex6[2], hex6[3], hex6[4], hex6[5], hex6[6], hex6[7]));
    }
}
